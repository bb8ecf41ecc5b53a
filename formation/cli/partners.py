"""``formation partners add|list|draft|sign|agreement`` and ``formation overview WORKSPACE...``.

Partners and their partnership agreements; and the consultant's overview of several workspaces,
each unlocked with its own passphrase (never one passphrase for all), with no member names on it.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import sys
from pathlib import Path
from typing import Any

from formation.cli.common import (
    EXIT_CODES_HELP,
    PASSPHRASE_ENV,
    Formatter,
    add_json_argument,
    add_workspace_argument,
    emit,
    iso_date,
    open_workspace,
)
from formation.errors import InputError

PARTNER_KINDS = ("funder", "host", "fiscal_sponsor", "trainer", "legal_adviser")
SUPPORT_KINDS = ("money", "space", "staff_time", "training", "advocacy", "legal_review", "other")
POWERS = ("vote", "veto", "appoint_seats", "remove", "approve_budget", "hire_fire", "sign_alone", "amend_bylaws")

OVERVIEW_PASSPHRASES_HELP = (
    "Each workspace is unlocked with its own passphrase, one after the other (only one is open at "
    "a time). By default each is asked on the terminal. For scripts, give one --passphrase-env NAME "
    "per workspace (in the same order: the passphrase is read from environment variable NAME), or "
    "--passphrase-fd N to read one passphrase per line from file descriptor N (e.g. 3<secrets). "
    f"{PASSPHRASE_ENV} serves a single workspace only. Risk: environment variables can be read by "
    "other programs of the same user and may end up in shell history or process listings; a file "
    "of passphrases is only as safe as that file. Prefer the prompt."
)


def _pair(text: str) -> tuple[str, str]:
    """An argparse type: ``KIND:TEXT``."""
    kind, sep, rest = text.partition(":")
    if not sep or not rest.strip():
        raise argparse.ArgumentTypeError("must be written KIND:TEXT (e.g. space:the meeting room)")
    return kind.strip(), rest.strip()


def _parser(sub: Any, name: str, help_text: str, **kw: Any) -> argparse.ArgumentParser:
    return sub.add_parser(name, help=help_text, epilog=EXIT_CODES_HELP, formatter_class=Formatter, **kw)


def register(sub: Any) -> None:
    """Add ``formation partners ...`` and ``formation overview ...``."""
    group = _parser(sub, "partners", "partner organizations and partnership agreements",
                    description="Partners fund, host, train and advise; decisions stay with the collective.")
    psub = group.add_subparsers(dest="partners_command", metavar="ACTION", required=True)

    p = _parser(psub, "add", "record a partner organization")
    add_workspace_argument(p)
    p.add_argument("--name", required=True, help="the organization's name")
    p.add_argument("--kind", action="append", choices=PARTNER_KINDS, required=True, help="what it is (repeatable)")
    p.add_argument("--provides", action="append", choices=SUPPORT_KINDS, default=[], help="what it provides (repeatable)")
    p.add_argument("--contact-role", help="the role of your contact there (a role, not a person's name)")
    p.add_argument("--since", type=iso_date, help="when the partnership began (YYYY-MM-DD)")
    add_json_argument(p)
    p.set_defaults(func=cmd_add)

    p = _parser(psub, "list", "list partners and their current agreement")
    add_workspace_argument(p)
    add_json_argument(p)
    p.set_defaults(func=cmd_list)

    p = _parser(psub, "draft", "draft a partnership agreement (or its next version) with a partner",
                description="Draft an agreement. By default the partner gets no vote, no veto and no power to "
                "appoint or remove anyone, and sees the collective's data only with its consent. A --grant is "
                "recorded so that the power audit can flag it.")
    add_workspace_argument(p)
    p.add_argument("partner", help="the partner's id (8+ characters) or exact name")
    p.add_argument("--made-on", type=iso_date, required=True, help="date of this draft")
    p.add_argument("--starts-on", type=iso_date, required=True, help="date it takes effect")
    p.add_argument("--ends-on", type=iso_date, help="date it ends (default: open-ended)")
    p.add_argument("--purpose", required=True, help="why the partnership exists")
    p.add_argument("--support", type=_pair, action="append", required=True, metavar="KIND:TEXT",
                   help=f"support provided, e.g. 'staff_time:a part-time bookkeeper' (kinds: {', '.join(SUPPORT_KINDS)})")
    p.add_argument("--handover-from", type=iso_date, required=True, help="the handover plan starts")
    p.add_argument("--handover-to", type=iso_date, required=True, help="every role is held by members by")
    p.add_argument("--share", action="append", default=[], help="something the collective agrees to share with consent")
    p.add_argument("--no-networks", action="store_true", help="do not list the legal context's sex worker-led networks")
    p.add_argument("--grant", type=_pair, action="append", default=[], metavar="POWER:OVER",
                   help=f"a power the draft gives the partner (flagged by the audit; powers: {', '.join(POWERS)})")
    p.add_argument("--notice-days", type=int, default=90, help="days of notice to end it (default 90)")
    p.add_argument("--on-exit", help="what happens to shared things when it ends")
    add_json_argument(p)
    p.set_defaults(func=cmd_draft)

    p = _parser(psub, "sign", "record that the current draft was signed (earlier versions are superseded)")
    add_workspace_argument(p)
    p.add_argument("partner", help="the partner's id (8+ characters) or exact name")
    p.add_argument("--on", type=iso_date, required=True, help="date of signing")
    p.set_defaults(func=cmd_sign)

    p = _parser(psub, "agreement", "write the partnership agreement as a .docx (or show it as text)")
    add_workspace_argument(p)
    p.add_argument("partner", nargs="?", help="the partner (default: the only one)")
    p.add_argument("--version", type=int, help="the version to write (default: the signed one, else the latest draft)")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--out", type=Path, help="the .docx file to write (its folder must exist)")
    out.add_argument("--text", action="store_true", help="print the agreement as text instead")
    p.add_argument("--overwrite", action="store_true", help="replace an existing file")
    p.set_defaults(func=cmd_agreement)

    p = _parser(sub, "overview", "consultant view: several workspaces at a glance, no member names",
                description="Stage, power audit verdict, next registration step, what is due, handover items "
                "overdue, for each workspace.\n\n" + OVERVIEW_PASSPHRASES_HELP)
    p.add_argument("workspaces", nargs="+", type=Path, metavar="WORKSPACE", help="workspace files")
    p.add_argument("--passphrase-env", action="append", default=[], metavar="NAME",
                   help="environment variable holding the next workspace's passphrase (repeat once per workspace)")
    p.add_argument("--passphrase-fd", type=int, metavar="N", help="read one passphrase per line from file descriptor N")
    p.add_argument("--as-of", type=iso_date, help="the date to look from (default today)")
    p.add_argument("--soon-days", type=int, default=60, help="days ahead counted as due soon (default 60)")
    p.add_argument("--allow-plaintext", action="store_true", help="accept unencrypted sample workspaces")
    add_json_argument(p)
    p.set_defaults(func=cmd_overview)


# ----------------------------------------------------------------------------- helpers
def find_partner(partners: list[Any], ref: str | None) -> Any:
    """A partner by id (8+ characters), exact name, or the only one when ``ref`` is None.

    Raises:
        InputError: none or several match (field ``partner``).
    """
    if ref is None:
        if len(partners) == 1:
            return partners[0]
        raise InputError("name the partner (there is not exactly one)", field="partner")
    ref = ref.strip()
    found = [p for p in partners if str(p.id) == ref or (len(ref) >= 8 and str(p.id).startswith(ref))]
    found = found or [p for p in partners if p.name.casefold() == ref.casefold()]
    if len(found) != 1:
        raise InputError("no single partner matches (see 'formation partners list')", field="partner")
    return found[0]


def _summary(partner: Any, agreement: Any) -> dict[str, Any]:
    return {
        "id": str(partner.id),
        "name": partner.name,
        "kinds": list(partner.kinds),
        "provides": list(partner.provides),
        "current": partner.is_current,
        "agreement": None if agreement is None else {
            "version": agreement.version,
            "status": agreement.status,
            "signed_on": agreement.signed_on.isoformat() if agreement.signed_on else None,
            "decision_rights": [r.power for r in agreement.decision_rights],
            "handover_ends_on": agreement.exit_plan.handover_ends_on.isoformat(),
        },
    }


# ----------------------------------------------------------------------------- partners
def cmd_add(args: argparse.Namespace) -> int:
    """Record a partner."""
    from formation.models import Partner
    from formation.partners import new_partner

    with open_workspace(args) as ws:
        partner = new_partner(args.name, args.kind, args.provides, contact_role=args.contact_role,
                              since=args.since, existing=ws.all(Partner))
        ws.put(partner)
    emit(args, _summary(partner, None), f"Added partner {partner.id}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """List partners."""
    from formation.models import Partner, PartnershipAgreement
    from formation.partners import current_agreement

    with open_workspace(args) as ws:
        agreements = ws.all(PartnershipAgreement)
        rows = [_summary(p, current_agreement(agreements, p.id)) for p in ws.all(Partner)]

    def text() -> str:
        if not rows:
            return "No partners recorded."
        lines = []
        for r in rows:
            a = r["agreement"]
            state = "no agreement" if a is None else f"agreement v{a['version']} {a['status']}"
            if a and a["decision_rights"]:
                state += f"; gives powers: {', '.join(a['decision_rights'])}"
            lines.append(f"{r['id'][:8]}  {r['name']}  ({', '.join(r['kinds'])})  {state}")
        return "\n".join(lines)

    emit(args, rows, text)
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    """Draft an agreement (version n+1 if one exists)."""
    from formation.contexts import load_context
    from formation.models import Partner, PartnershipAgreement
    from formation.partners import draft_agreement, network_links_from_context

    for index, (kind, _) in enumerate(args.support):
        if kind not in SUPPORT_KINDS:
            raise InputError(f"is not a kind of support ({', '.join(SUPPORT_KINDS)})", field=f"--support {index + 1}")
    for index, (power, _) in enumerate(args.grant):
        if power not in POWERS:
            raise InputError(f"is not a power ({', '.join(POWERS)})", field=f"--grant {index + 1}")
    with open_workspace(args) as ws:
        partner = find_partner(ws.all(Partner), args.partner)
        org = ws.organization
        links = []
        if not args.no_networks and org is not None and org.legal_context_id:
            links = network_links_from_context(load_context(org.legal_context_id))
        versions = [a.version for a in ws.all(PartnershipAgreement) if a.partner_id == partner.id]
        agreement = draft_agreement(
            partner, made_on=args.made_on, starts_on=args.starts_on, ends_on=args.ends_on, purpose=args.purpose,
            support=[{"support": k, "description": t} for k, t in args.support],
            handover_starts_on=args.handover_from, handover_ends_on=args.handover_to, network_links=links,
            data_access={"shared_with_consent": args.share},
            decision_rights=[{"power": k, "over": t, **({"seats": 1} if k == "appoint_seats" else {})}
                             for k, t in args.grant],
            notice_days=args.notice_days, on_exit=args.on_exit, version=max(versions, default=0) + 1,
        )
        ws.put(agreement)
    emit(args, {"id": str(agreement.id), "version": agreement.version, "status": agreement.status},
         f"Drafted agreement v{agreement.version} with {partner.name}"
         + (f" (gives {len(agreement.decision_rights)} power(s): the audit will flag them)" if agreement.decision_rights else ""))
    return 0


def cmd_sign(args: argparse.Namespace) -> int:
    """Sign the latest draft."""
    from formation.models import Partner, PartnershipAgreement
    from formation.partners import sign_agreement

    with open_workspace(args) as ws:
        partner = find_partner(ws.all(Partner), args.partner)
        agreements = ws.all(PartnershipAgreement)
        drafts = [a for a in agreements if a.partner_id == partner.id and a.status == "draft"]
        if not drafts:
            raise InputError("there is no draft agreement with this partner to sign", field="partner")
        latest = max(drafts, key=lambda a: a.version)
        ws.put_many(sign_agreement(latest, agreements, on=args.on))
    print(f"Agreement v{latest.version} with {partner.name} recorded as signed on {args.on.isoformat()}")
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    """Write (or print) the agreement."""
    from formation.errors import DocumentError
    from formation.models import HandoverItem, Member, Partner, PartnershipAgreement
    from formation.partners import agreement_document, agreement_text, current_agreement, export_agreement

    if args.out is not None and args.out.suffix.lower() != ".docx":
        raise InputError("the output file must end in .docx", field="--out")
    with open_workspace(args) as ws:
        partner = find_partner(ws.all(Partner), args.partner)
        agreements = [a for a in ws.all(PartnershipAgreement) if a.partner_id == partner.id]
        if args.version is not None:
            agreement = next((a for a in agreements if a.version == args.version), None)
        else:
            agreement = current_agreement(agreements, partner.id)
        if agreement is None:
            raise InputError("no such agreement with this partner (draft one with 'formation partners draft')",
                             field="--version" if args.version is not None else "partner")
        org = ws.organization
        if org is None:
            raise InputError("the workspace has no organization recorded yet", field="--workspace")
        members = ws.all(Member)
        document = agreement_document(agreement, partner, org, handover_items=ws.all(HandoverItem), members=members)
    if args.text:
        print(agreement_text(document))
        return 0
    target = args.out
    path = export_agreement(document, target.parent, name=target.stem, overwrite=args.overwrite, members=members)
    if path.name != target.name:
        print(f"note: written under a safe file name: {path.name}", file=sys.stderr)
    if not path.exists():
        raise DocumentError(f"{path}: was not written")
    print(f"Wrote {path}")
    return 0


# ----------------------------------------------------------------------------- overview
def overview_passphrases(args: argparse.Namespace) -> list[str | None]:
    """One passphrase source per workspace: the values from ``--passphrase-env`` /
    ``--passphrase-fd`` in order, or None where the terminal should be asked.

    Raises:
        InputError: the counts do not match the workspaces; a variable is unset or empty;
            ``FORMATION_PASSPHRASE`` is set while several workspaces are given.
    """
    count = len(args.workspaces)
    if args.passphrase_env and args.passphrase_fd is not None:
        raise InputError("give --passphrase-env or --passphrase-fd, not both", field="--passphrase-fd")
    if args.passphrase_env:
        if len(args.passphrase_env) != count:
            raise InputError(f"give one --passphrase-env per workspace ({count})", field="--passphrase-env")
        values = []
        for index, name in enumerate(args.passphrase_env, start=1):
            value = os.environ.get(name)
            if not value:
                raise InputError(f"environment variable number {index} is unset or empty", field="--passphrase-env")
            values.append(value)
        return values
    if args.passphrase_fd is not None:
        try:
            with os.fdopen(args.passphrase_fd, "r", encoding="utf-8", closefd=False) as fh:
                lines = [line.rstrip("\r\n") for line in fh.readlines()[:count + 1]]
        except OSError:
            raise InputError("cannot read from this file descriptor", field="--passphrase-fd") from None
        lines = [x for x in lines if x]
        if len(lines) != count:
            raise InputError(f"needs exactly one passphrase per line for each workspace ({count})",
                             field="--passphrase-fd")
        return list(lines)
    if count > 1 and os.environ.get(PASSPHRASE_ENV):
        raise InputError(
            f"{PASSPHRASE_ENV} cannot serve several workspaces (each has its own passphrase): "
            "use --passphrase-env NAME once per workspace, --passphrase-fd, or the prompt",
            field=PASSPHRASE_ENV,
        )
    if count == 1 and os.environ.get(PASSPHRASE_ENV):
        return [os.environ[PASSPHRASE_ENV]]
    return [None] * count


def _ask(path: Path) -> str:
    import getpass

    if not sys.stdin.isatty():
        raise InputError("no terminal to ask the passphrase on: use --passphrase-env or --passphrase-fd",
                         field="passphrase")
    value = getpass.getpass(f"Passphrase for {path.name}: ")
    if not value:
        raise InputError("the passphrase must not be empty", field="passphrase")
    return value


def cmd_overview(args: argparse.Namespace) -> int:
    """The consultant overview."""
    from formation.cli.common import _looks_plaintext
    from formation.overview import consultant_overview, overview_json, overview_text, read_snapshot
    from formation.store import Workspace

    if not 0 <= args.soon_days <= 3660:
        raise InputError("must be between 0 and 3660 days", field="--soon-days")
    paths = list(args.workspaces)
    if len({p.resolve() for p in paths}) != len(paths):
        raise InputError("the same workspace is given twice", field="WORKSPACE")
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: no workspace file there", field="WORKSPACE")
    secrets = overview_passphrases(args)
    as_of = args.as_of or _dt.date.today()
    snapshots = []
    for path, secret in zip(paths, secrets):
        # A sample written unencrypted needs no passphrase; opening it still needs --allow-plaintext.
        plain = _looks_plaintext(path)
        passphrase = None if plain else (secret if secret is not None else _ask(path))
        ws = Workspace.open(path, passphrase, allow_plaintext=args.allow_plaintext)
        try:
            snapshots.append(read_snapshot(ws))
        finally:
            ws.close()
        passphrase = None
    overviews = consultant_overview(snapshots, as_of=as_of, soon_days=args.soon_days)
    emit(args, overview_json(overviews, as_of=as_of), lambda: overview_text(overviews, as_of=as_of))
    return 0
