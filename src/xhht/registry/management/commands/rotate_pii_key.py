"""``xhht rotate_pii_key``: re-encrypt every stored CCCD and recompute its lookup hash with the
current ``XHHT_PII_KEY`` (docs/SECURITY.md, "Rotating the keys").

Before: the new key in ``XHHT_PII_KEY``, the former one(s) in ``XHHT_PII_OLD_KEYS`` (the server
keeps reading both). The command goes through the people in primary-key order, a batch per
transaction; a row already under the current key is left alone, so it can be stopped and run
again (it resumes where the old key's rows remain) and a second run changes nothing. Once it
reports no row left under an old key, the old keys can be removed.
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import InvalidToken
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError, transaction

from xhht.registry import pii
from xhht.registry.models import Person

FIELDS = ["national_id_encrypted", "national_id_digest"]


class Command(BaseCommand):
    help = "Mã hóa lại mọi số CCCD đã lưu bằng khóa XHHT_PII_KEY hiện tại (xoay vòng khóa)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=2000, help="Số người mỗi lượt.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size: at least 1")
        pii.forget_keys()
        counts = {"rotated": 0, "unchanged": 0, "unreadable": 0, "conflicts": 0}
        last = 0
        while True:
            rows = list(
                Person.objects.filter(pk__gt=last)
                .exclude(national_id_encrypted="")
                .order_by("pk")
                .values_list("pk", "national_id_encrypted", "national_id_digest")[
                    : options["batch_size"]
                ]
            )
            if not rows:
                break
            last = rows[-1][0]
            self._rotate_batch(rows, counts)
            self.stdout.write(
                f"đến #{last}: {counts['rotated']} đã mã hóa lại, "
                f"{counts['unchanged']} đã dùng khóa mới"
            )
        self.stdout.write(
            f"Xong: {counts['rotated']} mã hóa lại, {counts['unchanged']} không đổi, "
            f"{counts['unreadable']} không giải mã được, {counts['conflicts']} trùng số."
        )
        if counts["unreadable"] or counts["conflicts"]:
            raise CommandError(
                "Some rows still use no readable key or collide with another person's number; "
                "keep XHHT_PII_OLD_KEYS until they are resolved (the ids are in the log above)."
            )

    def _rotate_batch(
        self, rows: list[tuple[int, str, str | None]], counts: dict[str, int]
    ) -> None:
        changed: list[Person] = []
        for pk, token, digest in rows:
            if pii.is_current(token, digest):
                counts["unchanged"] += 1
                continue
            try:
                number = pii.decrypt_cccd(token)
            except InvalidToken:
                counts["unreadable"] += 1
                self.stderr.write(f"#{pk}: no key in XHHT_PII_KEY/XHHT_PII_OLD_KEYS decrypts it")
                continue
            changed.append(
                Person(
                    pk=pk,
                    national_id_encrypted=pii.encrypt_cccd(number),
                    national_id_digest=pii.cccd_digest(number),
                )
            )
        try:
            with transaction.atomic():
                Person.objects.bulk_update(changed, FIELDS)
            counts["rotated"] += len(changed)
        except IntegrityError:  # two rows with one number: save the others one by one
            for person in changed:
                try:
                    with transaction.atomic():
                        Person.objects.bulk_update([person], FIELDS)
                    counts["rotated"] += 1
                except IntegrityError:
                    counts["conflicts"] += 1
                    self.stderr.write(f"#{person.pk}: another person has the same CCCD")
