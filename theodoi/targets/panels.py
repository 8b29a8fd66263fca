def home_panel(request):
    return {"template": "targets/_home_panel.html"}
