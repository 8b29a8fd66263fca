app_name = "exchange"
urlpatterns = []
