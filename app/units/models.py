"""Units: the departments, People's Committees and organisations a plan assigns work to."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflows.enums import UnitKind
from workflows.text import fold

from ..extensions import db
from ..types import enum_column_type


class Unit(db.Model):
    """A node of the unit tree; the depth of the tree is data, never code."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Short stable code used by imports and the API (e.g. "SLDTBXH").
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    #: Official name, e.g. "Sở Lao động - Thương binh và Xã hội".
    name: Mapped[str] = mapped_column(sa.String(255))
    #: Province, department, district, commune or organisation.
    kind: Mapped[UnitKind] = mapped_column(enum_column_type(UnitKind, "unit_kind"))
    #: The unit above this one; None for a tree's root.
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id"), index=True)
    #: Deactivated units keep their history but receive no new work.
    is_active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    #: Code and name folded for search (lower case, no diacritics); kept up to date on save.
    search_text: Mapped[str] = mapped_column(sa.String(320), default="", server_default="")

    parent: Mapped["Unit | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Unit"]] = relationship(back_populates="parent", order_by="Unit.name")
    contacts: Mapped[list["UnitContact"]] = relationship(
        back_populates="unit", cascade="all, delete-orphan", order_by="UnitContact.email"
    )

    __table_args__ = (sa.CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),)

    @property
    def emails(self):
        return [c.email for c in self.contacts]

    def ancestors(self):
        """Units above this one, nearest first."""
        unit, seen = self.parent, []
        while unit is not None:
            seen.append(unit)
            unit = unit.parent
        return seen

    def __repr__(self):
        return f"<Unit {self.code}>"


class UnitContact(db.Model):
    """A contact email of a unit (văn thư, the officer in charge)."""

    __tablename__ = "unit_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The unit this address belongs to.
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id", ondelete="CASCADE"))
    #: Lower-cased address.
    email: Mapped[str] = mapped_column(sa.String(255))

    unit: Mapped[Unit] = relationship(back_populates="contacts")

    __table_args__ = (sa.UniqueConstraint("unit_id", "email"),)


@sa.event.listens_for(Unit, "before_insert")
@sa.event.listens_for(Unit, "before_update")
def _fold_for_search(mapper, connection, unit):
    unit.search_text = fold(f"{unit.code} {unit.name}")
