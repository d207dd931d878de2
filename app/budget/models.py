"""The programmes and their catalog of projects and sub-projects that budget lines refer to."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class Programme(db.Model):
    """A national target programme (Chương trình mục tiêu quốc gia) with its own projects,
    e.g. the 2021–2025 one for sustainable poverty reduction of QĐ 90/QĐ-TTg."""

    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Short code, unique: "GNBV-2021-2025".
    code: Mapped[str] = mapped_column(sa.String(30), unique=True)
    #: Name as the decision words it.
    name: Mapped[str] = mapped_column(sa.String(400))
    #: The decision that approved it, e.g. "QĐ 90/QĐ-TTg".
    decision: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    #: First and last year it runs (a plan's year within them: its programme by default).
    start_year: Mapped[int]
    end_year: Mapped[int]
    #: A programme no longer in use is not offered to new plans; its plans keep it.
    is_active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    items: Mapped[list["BudgetItem"]] = relationship(back_populates="programme", order_by="BudgetItem.position")

    __table_args__ = (
        sa.CheckConstraint("start_year BETWEEN 2000 AND 2100 AND end_year BETWEEN 2000 AND 2100",
                           name="years_range"),
        sa.CheckConstraint("start_year <= end_year", name="years_in_order"),
    )

    @property
    def years(self):
        """"2021–2025"."""
        return f"{self.start_year}–{self.end_year}"

    @property
    def projects(self):
        return [i for i in self.items if i.parent_id is None]


class BudgetItem(db.Model):
    """A project (Dự án) of a programme, or a sub-project (Tiểu dự án) of one."""

    __tablename__ = "budget_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The programme the item belongs to; a new programme gets new items.
    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id"), index=True)
    #: Short code within the programme: "DA3", "DA3.TDA1".
    code: Mapped[str] = mapped_column(sa.String(30))
    #: Name as the programme words it.
    name: Mapped[str] = mapped_column(sa.String(400))
    #: The project a sub-project belongs to (None for a project).
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("budget_items.id"), index=True)
    #: Order of display within its parent.
    position: Mapped[int] = mapped_column(default=0, server_default="0")
    #: Retired items stay for the documents that used them but are not offered any more.
    is_active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    programme: Mapped[Programme] = relationship(back_populates="items", lazy="joined")
    parent: Mapped["BudgetItem | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["BudgetItem"]] = relationship(back_populates="parent", order_by="BudgetItem.position")

    __table_args__ = (sa.UniqueConstraint("programme_id", "code"),)

    @property
    def is_project(self):
        return self.parent_id is None
