"""Writing a checked class workbook (``class_import.check``): classes, their partner bodies,
participations and the participants' learning-record lines, set-based in batches, inside the
caller's transaction (one audit step for the whole import, written by the job)."""

from __future__ import annotations

from django.db.models import Count

from xhht.centres.class_import import ImportedClass
from xhht.centres.models import LearningClass, Participation
from xhht.centres.record import keep_entries_of_classes
from xhht.registry.imports.common import WRITE_BATCH, chunks

CLASS_FIELDS = [
    "topic",
    "title",
    "centre",
    "place",
    "start_date",
    "end_date",
    "hours",
    "status",
    "organiser",
    "teachers",
    "search_text",
    "sort_key",
]


def write(rows: dict[str, ImportedClass]) -> list[LearningClass]:
    """Write every class, participation and learning-record line set-based, in batches (the
    caller's transaction; one audit step for the whole import)."""
    classes: list[LearningClass] = []
    for item in rows.values():
        learning_class = item.existing or LearningClass(code=item.code)
        learning_class.topic = item.topic
        learning_class.title = item.title
        learning_class.centre = item.centre
        learning_class.place = item.place
        learning_class.start_date = item.start
        learning_class.end_date = item.end
        learning_class.hours = item.hours
        learning_class.status = item.status
        learning_class.organiser = item.organiser
        learning_class.teachers = item.teachers
        learning_class.refresh_keys()
        classes.append(learning_class)
    new = [c for c in classes if c.pk is None]
    for batch in chunks(new, WRITE_BATCH):
        LearningClass.objects.bulk_create(batch)
    for batch in chunks([c for c in classes if c not in new], WRITE_BATCH):
        LearningClass.objects.bulk_update(batch, CLASS_FIELDS)
    if any(c.pk is None for c in new):  # a database that does not return the new keys
        ids = dict(
            LearningClass.objects.filter(code__in=[c.code for c in new]).values_list("code", "pk")
        )
        for learning_class in new:
            learning_class.pk = ids[learning_class.code]
    by_id = {c.pk: rows[c.code] for c in classes}
    _apply_partners(by_id)
    _apply_participations(by_id)
    certified = dict(
        Participation.objects.filter(learning_class_id__in=list(by_id), certificate=True)
        .values("learning_class_id")
        .annotate(n=Count("pk"))
        .values_list("learning_class_id", "n")
    )
    for learning_class in classes:
        learning_class.certificates_issued = certified.get(learning_class.pk, 0)
    for batch in chunks(classes, WRITE_BATCH):
        LearningClass.objects.bulk_update(batch, ["certificates_issued"])
    for batch in chunks(classes, WRITE_BATCH):
        keep_entries_of_classes(classes=batch)
    return classes


def _apply_partners(by_id: dict[int, ImportedClass]) -> None:
    through = LearningClass.partners.through
    for id_batch in chunks(list(by_id)):
        through.objects.filter(learningclass_id__in=id_batch).delete()
    links = [
        through(learningclass_id=pk, body_id=body.pk)
        for pk, item in by_id.items()
        for body in item.partners
    ]
    for link_batch in chunks(links, WRITE_BATCH):
        through.objects.bulk_create(link_batch)


def _apply_participations(by_id: dict[int, ImportedClass]) -> None:
    """Add the people of the file; those already in get the file's completion, certificate and
    result; people in a class but not in the file stay as they are."""
    stored: dict[tuple[int, int], Participation] = {}
    for id_batch in chunks(list(by_id)):
        for row in Participation.objects.filter(learning_class_id__in=id_batch):
            stored[(row.learning_class_id, row.person_id)] = row
    new: list[Participation] = []
    changed: list[Participation] = []
    for class_id, item in by_id.items():
        for person_id, wanted in item.people.items():
            values = {
                "completed": wanted.completed,
                "certificate": wanted.certificate,
                "result": wanted.result,
            }
            participation = stored.get((class_id, person_id))
            if participation is None:
                new.append(Participation(learning_class_id=class_id, person_id=person_id, **values))
            elif any(getattr(participation, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(participation, key, value)
                changed.append(participation)
    for new_batch in chunks(new, WRITE_BATCH):
        Participation.objects.bulk_create(new_batch)
    for changed_batch in chunks(changed, WRITE_BATCH):
        Participation.objects.bulk_update(changed_batch, ["completed", "certificate", "result"])
