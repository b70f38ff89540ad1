"""The open learning resources catalogue (kho học liệu mở): resources offered by centres,
schools, universities and bodies, approved by the province's curator before the public sees
them, and each centre's collections of them."""

from xhht.resources.models.collection import Collection, CollectionItem
from xhht.resources.models.resource import Resource, ResourceQuerySet

__all__ = ["Collection", "CollectionItem", "Resource", "ResourceQuerySet"]
