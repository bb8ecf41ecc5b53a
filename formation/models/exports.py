"""Records that keep share-safe exports consistent: the alias map."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from pydantic import Field, model_validator

from formation.models.base import Name, Record, register


@register
class AliasMap(Record):
    """The stable aliases ("Member A", "Member B", ...) that shareable documents use for members.

    One per workspace, kept inside the encrypted workspace and never exported: it is the key
    that links an alias back to a person (research/security.md section 4, "Keep the alias map
    inside the encrypted store"). An alias, once given, is never changed or given to anyone else,
    so "Member C" means the same person in every shareable document of the organization.
    ``formation.documents.profiles.assign_aliases`` adds new members.

    Attributes:
        aliases: member id (UUID) -> alias; the aliases are all different.
    """

    kind: Literal["alias_map"] = "alias_map"
    aliases: dict[UUID, Name] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _aliases_unique(self) -> "AliasMap":
        if len(set(self.aliases.values())) != len(self.aliases):
            raise ValueError("two members have the same alias")
        return self
