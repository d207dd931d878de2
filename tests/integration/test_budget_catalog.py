"""The catalog of a programme: QĐ 90/QĐ-TTg's seeded by the migrations, kept by top-level admins."""
from app.budget.models import BudgetItem, Programme
from app.extensions import db
from tests.factories import login, programme, user
from workflows.enums import Role


def qd90():
    return db.session.scalar(db.select(Programme).where(Programme.decision == "QĐ 90/QĐ-TTg"))


def catalog(of=None):
    of = of or qd90()
    items = db.session.scalars(db.select(BudgetItem).where(BudgetItem.programme_id == of.id)
                               .order_by(BudgetItem.id)).all()
    return {i.code: i for i in items}


def test_the_migrations_seed_the_seven_projects_of_the_2021_2025_programme(db):
    seeded = qd90()
    assert (seeded.code, seeded.start_year, seeded.end_year, seeded.is_active) == (
        "GNBV-2021-2025", 2021, 2025, True)
    assert seeded.name == "Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021 - 2025"
    items = catalog()
    projects = [i for i in items.values() if i.is_project]
    assert [p.code for p in sorted(projects, key=lambda p: p.position)] == [f"DA{n}" for n in range(1, 8)]
    assert {p.code: [c.code for c in p.children] for p in projects} == {
        "DA1": ["DA1.TDA1", "DA1.TDA2"], "DA2": [], "DA3": ["DA3.TDA1", "DA3.TDA2"],
        "DA4": ["DA4.TDA1", "DA4.TDA2", "DA4.TDA3"], "DA5": [], "DA6": ["DA6.TDA1", "DA6.TDA2"],
        "DA7": ["DA7.TDA1", "DA7.TDA2"]}
    assert items["DA3.TDA2"].name == "Cải thiện dinh dưỡng"
    assert items["DA5"].name == "Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo trên địa bàn các huyện nghèo"
    assert db.session.scalar(db.select(db.func.count()).select_from(BudgetItem)) == 18  # all of them its own


def test_a_province_admin_adds_a_project_and_a_sub_project_and_retires_an_item(world, client):
    login(client, world.admin)
    seeded = qd90()
    page = client.get(f"/admin/catalog/programmes/{seeded.id}").get_data(as_text=True)
    assert "Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo" in page and "Thêm dự án hoặc tiểu dự án" in page
    response = client.post(f"/admin/catalog/programmes/{seeded.id}",
                           data={"parent_id": "0", "code": "da8", "name": "Dự án bổ sung"})
    assert response.status_code == 302 and response.location.endswith(f"/admin/catalog/programmes/{seeded.id}")
    new = catalog()["DA8"]
    assert (new.position, new.parent_id, new.programme_id) == (8, None, seeded.id)
    client.post(f"/admin/catalog/programmes/{seeded.id}",
                data={"parent_id": str(new.id), "code": "DA8.TDA1", "name": "Tiểu dự án bổ sung"})
    assert [c.code for c in new.children] == ["DA8.TDA1"]

    old = catalog()["DA4.TDA2"]
    assert client.post(f"/admin/catalog/{old.id}", data={"name": old.name}).status_code == 302
    db.session.refresh(old)
    assert old.is_active is False
    assert "ngừng sử dụng" in client.get(f"/admin/catalog/programmes/{seeded.id}").get_data(as_text=True)


def test_bad_items_are_refused_with_messages(world, client):
    login(client, world.admin)
    seeded = qd90()
    sub = catalog()["DA3.TDA1"]
    other = programme(world.admin, "KHAC", 2026, 2030, [("X1", "Dự án của chương trình khác", [])])
    foreign_project = catalog(other)["X1"]
    for data, message in [
        ({"parent_id": "0", "code": "DA3", "name": "Trùng"}, "Mã này đã được dùng trong chương trình"),
        ({"parent_id": "0", "code": "dự án 8", "name": "X"}, "Mã ngắn gồm chữ"),
        ({"parent_id": "0", "code": "DA8", "name": " "}, "Nhập tên."),
        ({"parent_id": str(sub.id), "code": "DA3.TDA1.X", "name": "X"}, "phải thuộc một dự án"),
        ({"parent_id": str(foreign_project.id), "code": "X1.TDA1", "name": "X"}, "Chọn một dự án của chương trình này"),
    ]:
        response = client.post(f"/admin/catalog/programmes/{seeded.id}", data=data)
        assert response.status_code == 422, data
        assert message in response.get_data(as_text=True)
    assert len(catalog()) == 18 and len(catalog(other)) == 1


def test_only_top_level_admins_change_the_catalog(world, client):
    district_admin = user((Role.ADMIN, world.district))
    seeded = qd90()
    login(client, district_admin)
    page = client.get(f"/admin/catalog/programmes/{seeded.id}")
    assert page.status_code == 200  # administrators read it
    assert "Thêm dự án hoặc tiểu dự án" not in page.get_data(as_text=True)
    item = catalog()["DA2"]
    assert client.post(f"/admin/catalog/programmes/{seeded.id}", data={
        "parent_id": "0", "code": "Y", "name": "Z"}).status_code == 403
    assert client.post(f"/admin/catalog/programmes/{seeded.id}", data={
        "parent_id": str(item.id), "code": "Y", "name": "Z"}).status_code == 403
    assert client.get(f"/admin/catalog/{item.id}").status_code == 403
    assert len(catalog()) == 18
    client.post("/logout")
    login(client, world.head)
    assert client.get("/admin/catalog/").status_code == 403
    assert client.get(f"/admin/catalog/programmes/{seeded.id}").status_code == 403
