app_name = "forums"
urlpatterns: list = []
