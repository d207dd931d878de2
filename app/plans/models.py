"""Plans (Kế hoạch), the units they assign and the targets they set."""
import datetime as dt
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflows.enums import DeliverableKind, Direction, IndicatorKind, MeasureUnit
from workflows.indicators import Definition

from ..extensions import db
from ..types import UTCDateTime, enum_column_type


class Plan(db.Model):
    """A yearly plan issued by a People's Committee and coordinated by one unit."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The People's Committee that issues the plan.
    issuing_unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    #: The unit that guides, receives, reviews and consolidates (cơ quan thường trực).
    coordinating_unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    #: The programme whose projects its budget lines are entered against (by default the
    #: one whose years cover the plan's year).
    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id"), index=True)
    #: The year the plan is for.
    year: Mapped[int]
    #: Number, e.g. "80" of "80/KH-UBND"; empty until the plan is numbered.
    number: Mapped[str] = mapped_column(sa.String(20), default="", server_default="")
    #: Symbol, e.g. "KH-UBND".
    symbol: Mapped[str] = mapped_column(sa.String(40), default="KH-UBND", server_default="KH-UBND")
    #: Title (trích yếu).
    title: Mapped[str] = mapped_column(sa.String(500))
    #: Place of issue, e.g. "Đắk Nông".
    place: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    #: Date of issue.
    issued_on: Mapped[dt.date | None]
    #: Legal bases (căn cứ), one per line.
    legal_bases: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    #: Goals and indicators (mục tiêu, chỉ tiêu).
    goals: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    #: When the plan was created.
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: When it was issued to the units; None while it is a draft being set up (units don't see it).
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: The plan this one was copied from ("copy to next year"), if any.
    copied_from_id: Mapped[int | None] = mapped_column(sa.ForeignKey("plans.id"), unique=True)

    issuing_unit = relationship("Unit", foreign_keys=[issuing_unit_id])
    coordinating_unit = relationship("Unit", foreign_keys=[coordinating_unit_id])
    programme = relationship("Programme")
    assignments: Mapped[list["Assignment"]] = relationship(back_populates="plan", cascade="all, delete-orphan")
    targets: Mapped[list["PlanTarget"]] = relationship(back_populates="plan", cascade="all, delete-orphan")
    #: What the plan asks of every assigned unit, and by when (an assignment may owe less).
    schedule: Mapped[list["ScheduleItem"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan",
        order_by="(ScheduleItem.due_on, ScheduleItem.kind, ScheduleItem.occurrence)")
    reminder_policy = relationship("ReminderPolicy", back_populates="plan", uselist=False,
                                   cascade="all, delete-orphan", lazy="joined")
    indicators: Mapped[list["Indicator"]] = relationship(back_populates="plan", cascade="all, delete-orphan",
                                                         order_by="(Indicator.position, Indicator.id)")
    #: Its own budget (section V), line by line: changed only by ``plans.budget``.
    budget_lines: Mapped[list["PlanBudgetLine"]] = relationship(back_populates="plan", cascade="all, delete-orphan")

    __table_args__ = (
        sa.CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"),
        # A number is used once per issuer and year; drafts may share the empty number.
        sa.Index("uq_plans_issuer_year_number", "issuing_unit_id", "year", "number", unique=True,
                 sqlite_where=sa.text("number <> ''"), postgresql_where=sa.text("number <> ''")),
    )

    @property
    def is_published(self):
        return self.published_at is not None

    @property
    def reference(self):
        """The plan's number and symbol as written on it: "80/KH-UBND"."""
        return f"{self.number}/{self.symbol}" if self.number else self.symbol

    def item(self, kind, occurrence=1):
        """The schedule's item of ``kind`` (and occurrence), or None if the plan does not ask it."""
        return next((i for i in self.schedule if i.kind == kind and i.occurrence == occurrence), None)

    def due_on(self, kind, occurrence=1):
        """When the plan asks ``kind``, or None if it does not."""
        item = self.item(kind, occurrence)
        return item.due_on if item is not None else None


class ScheduleItem(db.Model):
    """One thing a plan asks of each assigned unit: a sub-plan, the second quarter's report,
    the annual report...; its due date and the period it covers."""

    __tablename__ = "schedule_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The plan.
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    #: Sub-plan or a periodic report (never ad hoc: those are asked one by one).
    kind: Mapped[DeliverableKind] = mapped_column(enum_column_type(DeliverableKind, "schedule_kind"))
    #: Which one of its kind in the year: the quarter (1-4); 1 for the others.
    occurrence: Mapped[int] = mapped_column(default=1, server_default="1")
    #: Due at the end of this day, Asia/Ho_Chi_Minh.
    due_on: Mapped[dt.date]
    #: The period the figures cover (thời gian chốt số liệu).
    period_start_on: Mapped[dt.date]
    period_end_on: Mapped[dt.date]

    plan: Mapped[Plan] = relationship(back_populates="schedule")

    __table_args__ = (
        sa.UniqueConstraint("plan_id", "kind", "occurrence"),
        sa.CheckConstraint("kind <> 'adhoc'", name="not_adhoc"),
        sa.CheckConstraint("occurrence BETWEEN 1 AND 4", name="occurrence_range"),
        sa.CheckConstraint("period_start_on <= period_end_on", name="period_ordered"),
    )


class Waiver(db.Model):
    """An assigned unit that does not owe one of the plan's scheduled items (a partner asked
    only for its annual report, say)."""

    __tablename__ = "waivers"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    schedule_item_id: Mapped[int] = mapped_column(sa.ForeignKey("schedule_items.id", ondelete="CASCADE"))

    __table_args__ = (sa.UniqueConstraint("assignment_id", "schedule_item_id"),)


class Assignment(db.Model):
    """A unit the plan gives duties to; it owes the plan a sub-plan and reports."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The plan.
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    #: The unit that owes the work.
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    #: Its duties, as the plan words them (section VI).
    duties: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    #: A partner that is asked rather than instructed (đề nghị): Fatherland Front, banks...
    is_requested: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    plan: Mapped[Plan] = relationship(back_populates="assignments")
    unit = relationship("Unit", lazy="joined")
    deliverables = relationship("Deliverable", back_populates="assignment", cascade="all, delete-orphan",
                                order_by="Deliverable.due_on")
    #: The scheduled items this unit does not owe.
    waivers: Mapped[list["Waiver"]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (sa.UniqueConstraint("plan_id", "unit_id"),)


class PlanTarget(db.Model):
    """One row of the plan's per-unit target table (counts stored; rates derived)."""

    __tablename__ = "plan_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The plan.
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    #: The unit the row is about.
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    #: Households at the start of the year.
    households_start: Mapped[int | None]
    #: Poor households at the start.
    poor_start: Mapped[int | None]
    #: Poverty rate at the start as the plan prints it (%), kept to compare with the computed one.
    poor_rate_start: Mapped[Decimal | None] = mapped_column(sa.Numeric(5, 2))
    #: Target reduction in poor households.
    poor_reduction: Mapped[int | None]
    #: Households expected at the end of the year.
    households_end: Mapped[int | None]
    #: Poor households targeted at the end.
    poor_end: Mapped[int | None]
    #: Target rate at the end as printed (%).
    poor_rate_end: Mapped[Decimal | None] = mapped_column(sa.Numeric(5, 2))
    #: Near-poor households at the start, the reduction (negative: they grow) and the end target.
    near_poor_start: Mapped[int | None]
    near_poor_reduction: Mapped[int | None]
    near_poor_end: Mapped[int | None]
    #: Near-poverty rates at the start and the end as the plan prints them (%).
    near_poor_rate_start: Mapped[Decimal | None] = mapped_column(sa.Numeric(5, 2))
    near_poor_rate_end: Mapped[Decimal | None] = mapped_column(sa.Numeric(5, 2))
    #: Poor households that are ethnic minorities, at the start.
    ethnic_poor_start: Mapped[int | None]

    plan: Mapped[Plan] = relationship(back_populates="targets")
    unit = relationship("Unit", lazy="joined")

    __table_args__ = (
        sa.UniqueConstraint("plan_id", "unit_id"),
        sa.CheckConstraint("poor_start IS NULL OR poor_start >= 0", name="poor_start_non_negative"),
        sa.CheckConstraint("poor_end IS NULL OR poor_end >= 0", name="poor_end_non_negative"),
        sa.CheckConstraint(
            "households_start IS NULL OR poor_start IS NULL OR poor_start <= households_start",
            name="poor_within_households",
        ),
        # The same for near-poor households (SQLite: triggers, see migration d1a0c3e5f7b9).
        sa.CheckConstraint("near_poor_start IS NULL OR near_poor_start >= 0", name="near_poor_start_non_negative"),
        sa.CheckConstraint("near_poor_end IS NULL OR near_poor_end >= 0", name="near_poor_end_non_negative"),
        sa.CheckConstraint(
            "households_start IS NULL OR near_poor_start IS NULL OR near_poor_start <= households_start",
            name="near_poor_within_households",
        ),
    )


class Indicator(db.Model):
    """An indicator of the plan's own, beside the built-in poverty figures that every plan
    has (``workflows/indicators.py``): what it counts, how it adds up, its target."""

    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The plan.
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    #: Short code, unique in the plan (also case-insensitively, and never a built-in's): "BHYT_CN".
    code: Mapped[str] = mapped_column(sa.String(40))
    #: Name as the plan words it.
    name: Mapped[str] = mapped_column(sa.String(255))
    #: Unit of measure: households, people, houses, models, %, million VND, yes/no, points.
    unit: Mapped[MeasureUnit] = mapped_column(enum_column_type(MeasureUnit, "measure_unit"))
    #: Count (summed up the unit tree), ratio (recomputed from summed counts) or value (not summed).
    kind: Mapped[IndicatorKind] = mapped_column(enum_column_type(IndicatorKind, "indicator_kind"))
    #: At least, at most or exactly its target.
    direction: Mapped[Direction] = mapped_column(enum_column_type(Direction, "direction"))
    #: A ratio's numerator and denominator: codes of counts of the plan or of built-in counts.
    numerator_code: Mapped[str | None] = mapped_column(sa.String(40))
    denominator_code: Mapped[str | None] = mapped_column(sa.String(40))
    #: The plan's target: a count's total over the plan; a ratio's or a value's for every unit
    #: without one of its own. A ratio in %, a yes/no 1 or 0.
    target: Mapped[Decimal | None] = mapped_column(sa.Numeric(15, 3))
    #: A unit that reports it must give it before submitting.
    is_required: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    #: Its place in the plan's list.
    position: Mapped[int] = mapped_column(default=0, server_default="0")

    plan: Mapped[Plan] = relationship(back_populates="indicators")
    reporters: Mapped[list["IndicatorAssignment"]] = relationship(back_populates="indicator",
                                                                  cascade="all, delete-orphan")

    __table_args__ = (
        sa.UniqueConstraint("plan_id", "code"),
        sa.CheckConstraint("(kind = 'ratio' AND numerator_code IS NOT NULL AND denominator_code IS NOT NULL) OR "
                           "(kind <> 'ratio' AND numerator_code IS NULL AND denominator_code IS NULL)",
                           name="ratio_has_operands"),
        sa.CheckConstraint("kind <> 'ratio' OR unit = 'percent'", name="ratio_in_percent"),
        sa.CheckConstraint("target IS NULL OR target >= 0", name="target_non_negative"),
    )

    @property
    def definition(self):
        """The indicator as the rules see it (its values are filed under its id)."""
        return Definition(self.code, self.name, self.unit, self.kind, self.direction, self.numerator_code,
                          self.denominator_code, self.target, self.is_required, key=str(self.id or ""))


class IndicatorAssignment(db.Model):
    """An assigned unit reports an indicator of the plan, against its own target if the
    plan gives it one."""

    __tablename__ = "indicator_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The indicator.
    indicator_id: Mapped[int] = mapped_column(sa.ForeignKey("indicators.id", ondelete="CASCADE"), index=True)
    #: The assignment (plan × unit) that reports it.
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    #: The unit's own target (None: the plan's target applies, see ``workflows.indicators.unit_target``).
    target: Mapped[Decimal | None] = mapped_column(sa.Numeric(15, 3))

    indicator: Mapped[Indicator] = relationship(back_populates="reporters")
    assignment: Mapped[Assignment] = relationship(lazy="joined")

    __table_args__ = (
        sa.UniqueConstraint("indicator_id", "assignment_id"),
        sa.CheckConstraint("target IS NULL OR target >= 0", name="target_non_negative"),
    )


#: A cell of a plan's budget: million VND, three decimals (a thousand đồng), as documents' lines.
AMOUNT = sa.Numeric(15, 3)


class PlanBudgetLine(db.Model):
    """One line of a plan's own budget (section V, kinh phí): what it allocates to a project
    or sub-project of its programme, by source and kind of capital, in million VND. The
    line without an item is the total as the plan prints it (checked against the lines)."""

    __tablename__ = "plan_budget_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The plan.
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    #: The project or sub-project of the plan's programme; None for the typed total line.
    budget_item_id: Mapped[int | None] = mapped_column(sa.ForeignKey("budget_items.id"), index=True)
    #: Central budget (ngân sách trung ương): investment (đầu tư phát triển) and recurrent (sự nghiệp).
    central_investment: Mapped[Decimal | None] = mapped_column(AMOUNT)
    central_recurrent: Mapped[Decimal | None] = mapped_column(AMOUNT)
    #: Local budget (ngân sách địa phương), the same two kinds of capital.
    local_investment: Mapped[Decimal | None] = mapped_column(AMOUNT)
    local_recurrent: Mapped[Decimal | None] = mapped_column(AMOUNT)
    #: Other funds mobilised (vốn huy động khác).
    other: Mapped[Decimal | None] = mapped_column(AMOUNT)
    #: The line's total as typed; None: the sum of its cells.
    total: Mapped[Decimal | None] = mapped_column(AMOUNT)

    plan: Mapped[Plan] = relationship(back_populates="budget_lines")
    item = relationship("BudgetItem")

    __table_args__ = (
        sa.UniqueConstraint("plan_id", "budget_item_id"),
        # One typed total line per plan (NULLs are distinct to the unique constraint).
        sa.Index("uq_plan_budget_lines_total", "plan_id", unique=True,
                 sqlite_where=sa.text("budget_item_id IS NULL"), postgresql_where=sa.text("budget_item_id IS NULL")),
        sa.CheckConstraint(" AND ".join(f"({c} IS NULL OR {c} >= 0)" for c in (
            "central_investment", "central_recurrent", "local_investment", "local_recurrent", "other", "total")),
            name="amounts_non_negative"),
        sa.CheckConstraint(" OR ".join(f"{c} IS NOT NULL" for c in (
            "central_investment", "central_recurrent", "local_investment", "local_recurrent", "other", "total")),
            name="not_empty"),
    )
