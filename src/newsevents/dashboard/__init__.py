"""The dashboard's files: ``templates/index.html`` and ``static/`` (its script, styles and vendored
libraries, see ``static/vendor/README.md``), served by ``newsevents.api``."""
