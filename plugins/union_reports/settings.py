"""The REPORTS_* settings: their defaults and their validation, in one place.

``report_settings(settings)`` is pure: it reads a Pelican settings dict and returns a frozen
``ReportSettings`` (with the ``Letterhead`` of the signed document), raising ``ValueError`` naming the
setting for a value that cannot work. The plugin calls it on ``initialized`` (so a mistake stops the
build before anything is read) and again where it writes the files.

Who issues and signs the report is the organisation's business, not the code's: every word of the
letterhead comes from these settings (each site's pelicanconf.py sets them for its own
organisation). The defaults only make an unconfigured site produce a valid document.
"""

from __future__ import annotations

from dataclasses import dataclass

from site_core.periods import Period, PeriodError, current_period, parse_period
from site_core import engine_settings
from site_core.settings import site_settings

# What a site may leave out. REPORTS_PERIOD, _PATH, _PUBLISH, _NUMBER and _SUBJECT are the engine's
# (their one home: site_core.engine_settings), read from there when a site's settings lack them.
DEFAULTS = {
    "REPORTS_URL": "bao-cao/{slug}/",
    "REPORTS_SAVE_AS": "bao-cao/{slug}/index.html",
    # The signed document (DOCX), laid out per Decree 30/2020/NĐ-CP.
    "REPORTS_SUPERIOR": "",  # the body above the issuer, printed above its name ("" = none)
    "REPORTS_ISSUER": None,  # None: SITENAME
    "REPORTS_SYMBOL": "BC",  # the part after "Số: …/": "BC-CĐN" gives "Số:     /BC-CĐN"
    "REPORTS_PLACE": "Hà Nội",
    "REPORTS_SIGNER": {"authority": "", "position": "", "name": ""},
    "REPORTS_RECIPIENTS": ["Lưu: VT."],
}
SIGNER_KEYS = ("authority", "position", "name")


@dataclass(frozen=True)
class Letterhead:
    """Everything in the document that is not counted: who issues it, to whom, who signs."""

    superior: str
    issuer: str
    symbol: str
    number: str
    place: str
    subject: str  # with "{period}" to be filled in
    authority: str  # "TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH"... ("" when the signer signs in their own name)
    position: str
    signer: str
    recipients: tuple

    def subject_for(self, period_label: str) -> str:
        return self.subject.format(period=period_label.lower())


@dataclass(frozen=True)
class ReportSettings:
    period: Period | None
    path: str
    publish: bool
    url: str
    save_as: str
    letterhead: Letterhead


def _default(key: str):
    return DEFAULTS[key] if key in DEFAULTS else getattr(engine_settings, key)


def _text(settings: dict, key: str, allow_empty: bool = True) -> str:
    value = settings.get(key, _default(key))
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValueError(f"{key}: phải là một đoạn chữ, không phải {value!r}.")
    if not allow_empty and not value.strip():
        raise ValueError(f"{key}: không được để trống.")
    return " ".join(value.split())


def resolve_period(value, timezone: str) -> Period | None:
    """The Period a REPORTS_PERIOD value names; ValueError naming the setting when it is wrong."""
    if value in (None, "", False):
        return None
    if str(value).strip().lower() in ("current", "hien-tai"):
        return current_period(timezone=timezone)
    try:
        return parse_period(value)
    except PeriodError as exc:
        raise ValueError(f"REPORTS_PERIOD: {exc}") from None


def report_settings(settings: dict) -> ReportSettings:
    """The validated REPORTS_* settings (defaults for the missing ones); ValueError naming the setting."""
    get = lambda key: settings.get(key, _default(key))  # noqa: E731
    subject = _text(settings, "REPORTS_SUBJECT", allow_empty=False)
    try:
        subject.format(period="6 tháng đầu năm 2024")
    except (KeyError, IndexError, ValueError):
        raise ValueError("REPORTS_SUBJECT: chỉ được dùng chỗ trống {period} (kỳ báo cáo), ví dụ "
                         "\"Kết quả đăng tin bài {period}\".") from None
    signer = get("REPORTS_SIGNER")
    if not isinstance(signer, dict) or set(signer) - set(SIGNER_KEYS):
        raise ValueError("REPORTS_SIGNER: phải là một dict với các khóa authority (ví dụ \"TM. BAN THƯỜNG VỤ\"), "
                         f"position (ví dụ \"CHỦ TỊCH\") và name (họ tên người ký); nhận được {signer!r}.")
    for key in SIGNER_KEYS:
        if signer.get(key) is not None and not isinstance(signer.get(key), str):
            raise ValueError(f"REPORTS_SIGNER: {key} phải là một đoạn chữ, không phải {signer[key]!r}.")
    recipients = get("REPORTS_RECIPIENTS")
    if isinstance(recipients, str) or not isinstance(recipients, (list, tuple)) or not recipients \
            or not all(isinstance(r, str) and r.strip() for r in recipients):
        raise ValueError("REPORTS_RECIPIENTS: phải là danh sách nơi nhận, mỗi nơi một đoạn chữ, ví dụ "
                         "[\"Tổng Liên đoàn Lao động Việt Nam (để báo cáo);\", \"Lưu: VT.\"].")
    symbol = _text(settings, "REPORTS_SYMBOL", allow_empty=False)
    if "/" in symbol or " " in symbol:
        raise ValueError(f"REPORTS_SYMBOL: {symbol!r} là phần ký hiệu sau dấu /, viết liền, ví dụ \"BC-CĐN\".")
    number = get("REPORTS_NUMBER")
    if number is None:
        number = ""
    if not isinstance(number, (str, int)) or isinstance(number, bool):
        raise ValueError(f"REPORTS_NUMBER: phải là số văn bản (ví dụ 15) hoặc \"\", không phải {number!r}.")
    issuer = get("REPORTS_ISSUER")
    letterhead = Letterhead(
        superior=_text(settings, "REPORTS_SUPERIOR"),
        issuer=_text(settings, "REPORTS_ISSUER") if issuer else str(settings.get("SITENAME") or ""),
        symbol=symbol,
        number=str(number).strip(),
        place=_text(settings, "REPORTS_PLACE", allow_empty=False),
        subject=subject,
        authority=" ".join(str(signer.get("authority") or "").split()),
        position=" ".join(str(signer.get("position") or "").split()),
        signer=" ".join(str(signer.get("name") or "").split()),
        recipients=tuple(" ".join(r.split()) for r in recipients),
    )
    if not letterhead.issuer:
        raise ValueError("REPORTS_ISSUER: ghi tên cơ quan ban hành báo cáo (hoặc đặt SITENAME).")
    for key in ("REPORTS_URL", "REPORTS_SAVE_AS"):
        if "{slug}" not in str(get(key)):
            raise ValueError(f"{key}: phải có {{slug}} (kỳ báo cáo), ví dụ {DEFAULTS[key]!r}.")
    return ReportSettings(
        period=resolve_period(get("REPORTS_PERIOD"), site_settings(settings).timezone.name),
        path=str(get("REPORTS_PATH")), publish=bool(get("REPORTS_PUBLISH")),
        url=str(get("REPORTS_URL")), save_as=str(get("REPORTS_SAVE_AS")), letterhead=letterhead)
