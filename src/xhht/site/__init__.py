"""The site around the apps: the home page, the health check and the navigation every page shows.

Above the apps it links (it reads the user's capabilities from accounts); ``xhht.core`` below it
is the toolbox every app uses (text, sheets, HTTP helpers, the base layout template)."""
