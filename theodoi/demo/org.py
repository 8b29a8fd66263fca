"""Lâm Đồng as it stood in June 2021: the province, its 2 cities and 10 districts,
the agencies named in the seed report, and one demo login per role.

Sources: GSO codes of Lâm Đồng (68) and its district-level units (672–683);
district level abolished from 01/07/2025 (Luật Tổ chức chính quyền địa phương
2025); Đắk Nông (67) and Bình Thuận (60) merged into Lâm Đồng from 01/07/2025
(Nghị quyết 202/2025/QH15). Communes are not loaded: the demo's figures are
reported at province and district level. The units themselves come from the national
dataset (theodoi/org/dataset.py), sliced to today's Lâm Đồng and its predecessors.
"""

from datetime import date

from django.contrib.auth import get_user_model

from theodoi.demo import clock
from theodoi.org import dataset, loading
from theodoi.org.models import Agency, AgencyKind, AgencySuccession, Membership, UnitKind
from theodoi.org.queries import unit_at
from theodoi.org.services import record_agency_succession
from theodoi.permissions.roles import Role

DEMO_PASSWORD = "TheoDoi@2021"
DISTRICTS_END = date(2025, 6, 30)
MERGER = date(2025, 7, 1)
SCENARIO_DAY = date(2021, 6, 30)

DISTRICTS = [
    ("672", "Thành phố Đà Lạt", UnitKind.PROVINCIAL_CITY),
    ("673", "Thành phố Bảo Lộc", UnitKind.PROVINCIAL_CITY),
    ("674", "Huyện Đam Rông", UnitKind.DISTRICT),
    ("675", "Huyện Lạc Dương", UnitKind.DISTRICT),
    ("676", "Huyện Lâm Hà", UnitKind.DISTRICT),
    ("677", "Huyện Đơn Dương", UnitKind.DISTRICT),
    ("678", "Huyện Đức Trọng", UnitKind.DISTRICT),
    ("679", "Huyện Di Linh", UnitKind.DISTRICT),
    ("680", "Huyện Bảo Lâm", UnitKind.DISTRICT),
    ("681", "Huyện Đạ Huoai", UnitKind.DISTRICT),
    ("682", "Huyện Đạ Tẻh", UnitKind.DISTRICT),
    ("683", "Huyện Cát Tiên", UnitKind.DISTRICT),
]

# (code, name, short name, kind, parent code, steering office)
AGENCIES = [
    ("TU", "Tỉnh ủy Lâm Đồng", "Tỉnh ủy", AgencyKind.PARTY_COMMITTEE, None, False),
    ("BTV-TU", "Ban Thường vụ Tỉnh ủy", "BTV Tỉnh ủy", AgencyKind.STANDING_BOARD, "TU", False),
    ("TT-TU", "Thường trực Tỉnh ủy", "TT Tỉnh ủy", AgencyKind.STANDING_BOARD, "TU", False),
    ("VP-TU", "Văn phòng Tỉnh ủy", "VPTU", AgencyKind.PARTY_BOARD, "TU", True),
    ("BTC-TU", "Ban Tổ chức Tỉnh ủy", "BTCTU", AgencyKind.PARTY_BOARD, "TU", False),
    ("BTG-TU", "Ban Tuyên giáo Tỉnh ủy", "BTGTU", AgencyKind.PARTY_BOARD, "TU", False),
    ("BDV-TU", "Ban Dân vận Tỉnh ủy", "BDVTU", AgencyKind.PARTY_BOARD, "TU", False),
    ("BNC-TU", "Ban Nội chính Tỉnh ủy", "BNCTU", AgencyKind.PARTY_BOARD, "TU", False),
    ("UBKT-TU", "Ủy ban Kiểm tra Tỉnh ủy", "UBKTTU", AgencyKind.PARTY_BOARD, "TU", False),
    (
        "BCSD-UBND",
        "Ban cán sự đảng UBND tỉnh",
        "BCSĐ UBND tỉnh",
        AgencyKind.PARTY_AFFAIRS,
        "TU",
        False,
    ),
    (
        "HDND",
        "Hội đồng nhân dân tỉnh Lâm Đồng",
        "HĐND tỉnh",
        AgencyKind.PEOPLES_COUNCIL,
        None,
        False,
    ),
    (
        "UBND",
        "Ủy ban nhân dân tỉnh Lâm Đồng",
        "UBND tỉnh",
        AgencyKind.PEOPLES_COMMITTEE,
        None,
        False,
    ),
    ("VP-UBND", "Văn phòng UBND tỉnh", "VP UBND tỉnh", AgencyKind.DEPARTMENT, "UBND", True),
    (
        "MTTQ",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lâm Đồng",
        "UBMTTQ tỉnh",
        AgencyKind.FRONT,
        None,
        False,
    ),
    ("STC", "Sở Tài chính", "STC", AgencyKind.DEPARTMENT, "UBND", False),
    ("SKHDT", "Sở Kế hoạch và Đầu tư", "SKHĐT", AgencyKind.DEPARTMENT, "UBND", False),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", AgencyKind.DEPARTMENT, "UBND", False),
    (
        "SNN",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "SNN&PTNT",
        AgencyKind.DEPARTMENT,
        "UBND",
        False,
    ),
    ("SCT", "Sở Công Thương", "SCT", AgencyKind.DEPARTMENT, "UBND", False),
    ("SXD", "Sở Xây dựng", "SXD", AgencyKind.DEPARTMENT, "UBND", False),
    ("SNV", "Sở Nội vụ", "SNV", AgencyKind.DEPARTMENT, "UBND", False),
    ("SYT", "Sở Y tế", "SYT", AgencyKind.DEPARTMENT, "UBND", False),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "SGD&ĐT", AgencyKind.DEPARTMENT, "UBND", False),
    ("CTK", "Cục Thống kê tỉnh Lâm Đồng", "CTK", AgencyKind.OTHER, None, False),
    ("CT", "Cục Thuế tỉnh Lâm Đồng", "Cục Thuế", AgencyKind.OTHER, None, False),
    (
        "VPDP-NTM",
        "Văn phòng Điều phối Chương trình MTQG xây dựng nông thôn mới tỉnh",
        "VPĐP NTM",
        AgencyKind.OTHER,
        "SNN",
        False,
    ),
]

# (username, full name, agency code, role, title)
USERS = [
    ("admin", "Quản trị hệ thống", "VP-UBND", Role.ADMIN, "Quản trị hệ thống"),
    ("vanphong", "Nguyễn Thị Văn Phòng", "VP-UBND", Role.STEERING, "Chuyên viên theo dõi, đôn đốc"),
    ("lanhdao.stc", "Trần Văn Lãnh Đạo", "STC", Role.LEADER, "Giám đốc Sở Tài chính"),
    ("chuyenvien.stc", "Lê Thị Chuyên Viên", "STC", Role.SPECIALIST, "Chuyên viên Phòng Ngân sách"),
    ("xem", "Phạm Văn Xem", "UBND", Role.VIEWER, "Chuyên viên"),
    ("lanhdao.vhttdl", "Hoàng Văn Du Lịch", "SVHTTDL", Role.LEADER, "Giám đốc Sở VHTTDL"),
    (
        "chuyenvien.vhttdl",
        "Đỗ Thị Lữ Hành",
        "SVHTTDL",
        Role.SPECIALIST,
        "Chuyên viên Phòng Quản lý du lịch",
    ),
]

# Lâm Đồng today (issue 11): since 01/07/2025 the communes report straight to the province.
# Five of the new units' People's Committees (names as the national dataset has the units),
# each with one specialist who enters the commune's own figures and drafts its report.
# (unit code, username, full name, title)
COMMUNES = [
    ("24781", "chuyenvien.xuanhuong", "Nguyễn Thị Xuân", "Công chức Văn phòng - Thống kê"),
    ("24778", "chuyenvien.lamvien", "Trần Văn Viên", "Công chức Văn phòng - Thống kê"),
    ("22918", "chuyenvien.muine", "Lê Thị Biển", "Công chức Văn phòng - Thống kê"),
    ("23272", "chuyenvien.phuquy", "Phạm Văn Đảo", "Công chức Văn phòng - Thống kê"),
    ("24611", "chuyenvien.bacgianghia", "Võ Thị Nghĩa", "Công chức Văn phòng - Thống kê"),
]


def commune_agency_code(unit_code: str) -> str:
    return f"UBND-{unit_code}"


def load(ctx):
    # The units come from the national dataset (org.dataset): today's Lâm Đồng (68) and
    # its predecessors — the old Lâm Đồng, Đắk Nông, Bình Thuận, their districts and
    # communes — with the successions between them. The 2021 scenario uses the units
    # valid on 30/06/2021.
    loading.load(dataset.read({"68"}))
    day = SCENARIO_DAY
    province = unit_at("68", day)
    ctx["province"] = province
    ctx["province_today"] = unit_at("68", MERGER)
    ctx["districts"] = {code: unit_at(code, day) for code, _name, _kind in DISTRICTS}

    agencies = {}
    for code, name, short, kind, parent, steering in AGENCIES:
        agencies[code], _ = Agency.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "kind": kind,
                "unit": province,
                "parent": agencies.get(parent),
                "is_steering_office": steering,
            },
        )
    for code, name, _kind in DISTRICTS:
        agency_code = f"UBND-{code}"
        agencies[agency_code], _ = Agency.objects.update_or_create(
            code=agency_code,
            defaults={
                "name": f"UBND {name[0].lower()}{name[1:]}",
                "short_name": f"UBND {name.split(' ', 1)[1]}",
                "kind": AgencyKind.PEOPLES_COMMITTEE,
                "unit": ctx["districts"][code],
                "parent": agencies["UBND"],
                "dissolved_on": MERGER,
            },
        )
    ctx["agencies"] = agencies

    User = get_user_model()
    users = {}
    for username, full_name, agency_code, role, title in USERS:
        first, last = full_name.rsplit(" ", 1)[1], full_name.rsplit(" ", 1)[0]
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.email = f"{username}@lamdong.demo"
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.save()
        Membership.objects.get_or_create(
            user=user, agency=agencies[agency_code], role=role, defaults={"title": title}
        )
        users[username] = user
    ctx["users"] = users
    _nd45(ctx)
    _communes(ctx)


def _user(username, full_name, agency, role, title):
    first, last = full_name.rsplit(" ", 1)[1], full_name.rsplit(" ", 1)[0]
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.email = f"{username}@lamdong.demo"
        user.save()
    Membership.objects.get_or_create(user=user, agency=agency, role=role, defaults={"title": title})
    return user


def _communes(ctx):
    """The People's Committees of five communes of today's Lâm Đồng, established with the
    units on 01/07/2025, and their specialists (ctx["communes"]: unit code -> agency)."""
    agencies, users = ctx["agencies"], ctx["users"]
    ctx["communes"] = {}
    for unit_code, username, full_name, title in COMMUNES:
        unit = unit_at(unit_code, MERGER)
        if unit is None:
            continue
        place = unit.label[:1].lower() + unit.label[1:]
        code = commune_agency_code(unit_code)
        agencies[code], _ = Agency.objects.update_or_create(
            code=code,
            defaults={
                "name": f"Ủy ban nhân dân {place}",
                "short_name": f"UBND {place}",
                "kind": AgencyKind.PEOPLES_COMMITTEE,
                "unit": unit,
                "parent": agencies["UBND"],
                "established_on": MERGER,
            },
        )
        ctx["communes"][unit_code] = agencies[code]
        users[username] = _user(username, full_name, agencies[code], Role.SPECIALIST, title)


# Nghị định 45/2025/NĐ-CP (from 01/03/2025): the provincial departments merged. The
# departments the 2021 scenario did not need are added here (old province, dissolved on
# the day); the new Sở Nông nghiệp và Môi trường is created. Open tasks are NOT moved in
# the demo (its 2021 scenario stays as it was); tasks.services.transfer_open_tasks does it
# for a real province.
ND45 = date(2025, 3, 1)
ND45_BASIS = "Nghị định 45/2025/NĐ-CP"
ND45_NEW = [
    ("STNMT", "Sở Tài nguyên và Môi trường", "STNMT"),
    ("SGTVT", "Sở Giao thông vận tải", "SGTVT"),
    ("STTTT", "Sở Thông tin và Truyền thông", "STTTT"),
    ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "SLĐTBXH"),
    ("SKHCN", "Sở Khoa học và Công nghệ", "SKHCN"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường", "SNN&MT"),
]
ND45_ESTABLISHED = {"SNNMT"}
# (predecessor, successor, kind, takes the open tasks)
ND45_LINKS = [
    ("SKHDT", "STC", "merge", True),
    ("SNN", "SNNMT", "merge", True),
    ("STNMT", "SNNMT", "merge", True),
    ("SGTVT", "SXD", "merge", True),
    ("STTTT", "SKHCN", "merge", True),
    ("SLDTBXH", "SNV", "merge", True),
    ("SLDTBXH", "SYT", "split", False),
    ("SLDTBXH", "SGDDT", "split", False),
]


def _nd45(ctx):
    agencies = ctx["agencies"]
    for code, name, short in ND45_NEW:
        agencies[code], _ = Agency.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "kind": AgencyKind.DEPARTMENT,
                "unit": ctx["province"],
                "parent": agencies["UBND"],
                # Only Sở Nông nghiệp và Môi trường is new: the others existed before.
                "established_on": ND45 if code in ND45_ESTABLISHED else None,
            },
        )
    # A demo loaded before the date of establishment was recorded gets it (idempotent).
    Agency.objects.filter(code__in=ND45_ESTABLISHED, established_on__isnull=True).update(
        established_on=ND45
    )
    admin = ctx["users"]["admin"]
    for pred, succ, kind, takes in ND45_LINKS:
        if AgencySuccession.objects.filter(predecessor__code=pred, successor__code=succ).exists():
            continue
        with clock.on(ND45):
            record_agency_succession(
                admin,
                predecessor_code=pred,
                successor_code=succ,
                kind=kind,
                effective=ND45,
                legal_basis=ND45_BASIS,
                takes_open_tasks=takes,
            )
