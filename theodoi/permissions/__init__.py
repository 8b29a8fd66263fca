"""Who may do what. Every permission question is one function in this package,
one module per area (org, targets, tasks, reporting). Views, services and the API
ask these functions and never test roles themselves.
"""
