"""The Study Promotion Association (Hội Khuyến học): branches, members, yearly figures; the
study-promotion funds live beside them (``funds``)."""

from xhht.association.models.branch import Branch
from xhht.association.models.funds import Fund, FundEntry
from xhht.association.models.member import Member, MembershipFigure

__all__ = ["Branch", "Fund", "FundEntry", "Member", "MembershipFigure"]
