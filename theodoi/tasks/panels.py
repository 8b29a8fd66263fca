def home_panel(request):
    return {"template": "tasks/_home_panel.html"}
