from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from theodoi.api.models import ApiToken


class Command(BaseCommand):
    help = "Tạo mã truy cập API cho một người dùng; mã in ra là từ cuối cùng của kết quả."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="")

    def handle(self, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có người dùng “{username}”.")
        _token, raw = ApiToken.objects.issue(user, name=name)
        self.stdout.write(f"Mã truy cập API mới của {username} (chỉ hiện một lần): {raw}")
