def home_panel(request):
    return {"template": "reporting/_home_panel.html"}
