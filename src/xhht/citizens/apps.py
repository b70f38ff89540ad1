from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "xhht.citizens"
    verbose_name = "Trang của công dân"

    def ready(self) -> None:
        # Imported here, not at the top: models can only be imported once the app registry is
        # ready (Django calls ready() then). Indicators sit below citizens and never import it:
        # citizens follows its self-updates with signals and hands its counter to every rebuild.
        from xhht.citizens import counters
        from xhht.citizens.retention import close_stale_claims
        from xhht.indicators.rebuild import register_counter
        from xhht.jobs.retention import register_purge

        counters.connect()
        register_counter(counters.self_update_counts)
        register_purge("citizen_claims", close_stale_claims)
        # The citizen's own learning (C2): the digital-skills indicators follow recognitions
        # (recognition hands them each one) and the records that prove the skills.
        from xhht.citizens import learning_counters
        from xhht.recognition.rollups import register_recognition_follower

        learning_counters.connect()
        register_counter(learning_counters.rebuild_counts)
        register_recognition_follower(learning_counters.follow_recognition)
        # The officers confirming a declared line open its certificate photo: centres (below)
        # shows the links its linkers give for the lines on its pages.
        from xhht.centres.record_links import register_line_linker
        from xhht.citizens.learning_links import certificate_links

        register_line_linker(certificate_links)
