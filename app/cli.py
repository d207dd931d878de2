"""Flask commands: ``flask --app wsgi demo`` and friends."""
import click

from .extensions import db


def register(app):
    @app.cli.command("demo")
    def demo():
        """Load the Đắk Nông demo data (safe to run twice)."""
        from .demo.loader import DEMO_PASSWORD, load

        plan = load()
        click.echo(f"Demo plan {plan.reference} ({plan.year}) ready in {db.engine.url.render_as_string()}")
        click.echo(f"Every demo account's password: {DEMO_PASSWORD}")
