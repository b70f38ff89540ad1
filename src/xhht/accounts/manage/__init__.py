"""Pages where a province coordinator (or the administrator) manages accounts, roles and bodies."""
