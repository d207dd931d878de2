"""The catalog of program projects and sub-projects that budget lines refer to."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class BudgetItem(db.Model):
    """A project (Dự án) of a national target program, or a sub-project (Tiểu dự án) of one."""

    __tablename__ = "budget_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The program, e.g. "QĐ 90/QĐ-TTg" (2021–2025); a new program gets new items.
    program: Mapped[str] = mapped_column(sa.String(60))
    #: Short code within the program: "DA3", "DA3.TDA1".
    code: Mapped[str] = mapped_column(sa.String(30))
    #: Name as the program words it.
    name: Mapped[str] = mapped_column(sa.String(400))
    #: The project a sub-project belongs to (None for a project).
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("budget_items.id"), index=True)
    #: Order of display within its parent.
    position: Mapped[int] = mapped_column(default=0, server_default="0")
    #: Retired items stay for the documents that used them but are not offered any more.
    is_active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    parent: Mapped["BudgetItem | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["BudgetItem"]] = relationship(back_populates="parent", order_by="BudgetItem.position")

    __table_args__ = (sa.UniqueConstraint("program", "code"),)

    @property
    def is_project(self):
        return self.parent_id is None
