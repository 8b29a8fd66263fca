"""Notices: the one channel through which any area tells a person something (in the app
and by email, at most once a day per key). Model: Notification; sending: services.send_notice."""
