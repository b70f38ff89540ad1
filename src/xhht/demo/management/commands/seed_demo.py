from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from xhht.audit.context import acting_as
from xhht.core.text import group_thousands
from xhht.demo.seed import DEMO_PASSWORD, seed_demo, seed_demo_population


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu minh họa (Cần Thơ) và một tài khoản cho mỗi vai trò; chạy lại không tạo trùng."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with acting_as(None, via="command"):
            logins = seed_demo()
            population = seed_demo_population()
        if population.people:
            self.stdout.write(
                f"Dân cư tổng hợp: {group_thousands(population.people)} người, {group_thousands(population.households)} hộ "
                f"ở {population.communes} xã."
            )
        else:
            self.stdout.write("Dân cư tổng hợp đã có từ lần chạy trước.")
        self.stdout.write(f"Tài khoản minh họa (mật khẩu chung: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.username:<10} {login.role} — {login.where}")
            self.stdout.write(f"  {'':<10} việc cần làm: {login.job}")
