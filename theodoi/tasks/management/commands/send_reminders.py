from django.core.management.base import BaseCommand

from theodoi.tasks.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Gửi thư và thông báo đôn đốc nhiệm vụ (đến hạn sau 7 ngày, sau 1 ngày, quá hạn); mỗi "
        "người nhiều nhất một thông báo mỗi ngày. Chạy từ cron; chạy lại trong ngày không gửi "
        "trùng."
    )

    def handle(self, **options):
        n = send_reminders()
        self.stdout.write(f"Đã gửi thông báo đôn đốc cho {n} người.")
