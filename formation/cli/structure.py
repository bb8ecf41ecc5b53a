"""``formation structure suggest``: which legal forms fit the group, ranked and explained."""

from __future__ import annotations

import argparse
from typing import Any

from formation.cli.common import EXIT_CODES_HELP, Formatter, add_json_argument, emit
from formation.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``formation structure suggest``."""
    structure = sub.add_parser("structure", help="choose a legal structure", formatter_class=Formatter,
                               epilog=EXIT_CODES_HELP)
    ssub = structure.add_subparsers(dest="structure_command", metavar="ACTION", required=True)
    p = ssub.add_parser(
        "suggest",
        help="rank every legal form of a legal context for your answers",
        description=(
            "Answer a few questions as flags; every legal form of the legal context is ranked, with "
            "its reasons, what becomes public, the minimum members, cost and time where known, and "
            "what it means for who holds power. A form that does not fit says why. The context usable "
            "anywhere (an unregistered collective, with or without a fiscal host) is always included.\n"
            "Legal information, not legal advice."
        ),
        epilog=EXIT_CODES_HELP,
        formatter_class=Formatter,
    )
    p.add_argument("--context", required=True, metavar="ID",
                   help="the legal context id ('formation contexts list' shows them), e.g. nz, ke, in")
    p.add_argument("--founders", type=int, required=True, metavar="N", help="how many founders there are")
    p.add_argument("--register-openly", choices=["yes", "no", "unsure"], default="unsure",
                   help="can the group register openly where it lives, as what it is? (default unsure)")
    p.add_argument("--public-names", choices=["yes", "no", "unsure"], default="unsure",
                   help="will members accept their names on a public register? (default unsure)")
    p.add_argument("--bank-account", action="store_true", help="the group needs a bank account")
    p.add_argument("--employ-staff", action="store_true", help="the group will employ staff")
    p.add_argument("--foreign-funds", action="store_true", help="the group will receive money from abroad")
    p.add_argument("--union", action="store_true", help="the members want to organize as workers, in a union")
    p.add_argument("--cooperative", action="store_true",
                   help="the members want a business or savings scheme they own together")
    add_json_argument(p)
    p.set_defaults(func=cmd_suggest)


def _anywhere_contexts(exclude: str) -> list[Any]:
    """The contexts usable in any country (jurisdiction ``ZZ``), e.g. an unregistered collective."""
    from formation.contexts import load_all

    return [c for c in load_all() if c.jurisdiction.country == "ZZ" and c.id != exclude]


def cmd_suggest(args: argparse.Namespace) -> int:
    """``structure suggest``."""
    from pydantic import ValidationError

    from formation.cli.bylaws_output import structures_text
    from formation.contexts import load_context
    from formation.errors import from_validation_error
    from formation.structures import StructureAnswers, suggest_structures

    try:
        answers = StructureAnswers(
            register_openly=args.register_openly, bank_account=args.bank_account, employ_staff=args.employ_staff,
            foreign_funds=args.foreign_funds, organize_as_workers=args.union, member_business=args.cooperative,
            public_names=args.public_names, founders=args.founders,
        )
    except ValidationError as exc:
        failed = from_validation_error(exc, source="command line")
        raise InputError(failed.detail, source="command line", field="--" + (failed.field or "founders")) from None
    context = load_context(args.context)
    result = suggest_structures(context, answers, also=_anywhere_contexts(context.id))
    emit(args, result.model_dump(mode="json"), lambda: structures_text(result))
    return 0
