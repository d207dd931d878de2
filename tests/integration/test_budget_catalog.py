"""The program catalog: seeded by the migrations with QĐ 90/QĐ-TTg, kept by top-level admins."""
from app.budget.models import BudgetItem
from app.extensions import db
from tests.factories import login, user
from workflows.enums import Role


def catalog():
    items = db.session.scalars(db.select(BudgetItem).order_by(BudgetItem.id)).all()
    return {i.code: i for i in items}


def test_the_migrations_seed_the_seven_projects_and_their_sub_projects(db):
    items = catalog()
    projects = [i for i in items.values() if i.is_project]
    assert [p.code for p in sorted(projects, key=lambda p: p.position)] == [f"DA{n}" for n in range(1, 8)]
    assert {p.code: [c.code for c in p.children] for p in projects} == {
        "DA1": ["DA1.TDA1", "DA1.TDA2"], "DA2": [], "DA3": ["DA3.TDA1", "DA3.TDA2"],
        "DA4": ["DA4.TDA1", "DA4.TDA2", "DA4.TDA3"], "DA5": [], "DA6": ["DA6.TDA1", "DA6.TDA2"],
        "DA7": ["DA7.TDA1", "DA7.TDA2"]}
    assert items["DA3.TDA2"].name == "Cải thiện dinh dưỡng"
    assert items["DA5"].name == "Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo trên địa bàn các huyện nghèo"
    assert {i.program for i in items.values()} == {"QĐ 90/QĐ-TTg"}


def test_a_province_admin_adds_a_new_program_and_retires_an_item(world, client):
    login(client, world.admin)
    page = client.get("/admin/catalog/").get_data(as_text=True)
    assert "Danh mục dự án" in page and "Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo" in page
    response = client.post("/admin/catalog/", data={"parent_id": "0", "program": "Chương trình 2026-2035",
                                                    "code": "da1", "name": "Hạ tầng thiết yếu"})
    assert response.status_code == 302
    new = db.session.scalar(db.select(BudgetItem).where(BudgetItem.program == "Chương trình 2026-2035"))
    assert (new.code, new.position, new.parent_id) == ("DA1", 1, None)
    client.post("/admin/catalog/", data={"parent_id": str(new.id), "program": "", "code": "DA1.TDA1",
                                         "name": "Giao thông nông thôn"})
    assert [c.code for c in new.children] == ["DA1.TDA1"]

    old = catalog()["DA4.TDA2"]
    assert client.post(f"/admin/catalog/{old.id}", data={"name": old.name}).status_code == 302
    db.session.refresh(old)
    assert old.is_active is False
    assert "ngừng sử dụng" in client.get("/admin/catalog/").get_data(as_text=True)


def test_bad_items_are_refused_with_messages(world, client):
    login(client, world.admin)
    sub = catalog()["DA3.TDA1"]
    for data, message in [
        ({"parent_id": "0", "program": "QĐ 90/QĐ-TTg", "code": "DA3", "name": "Trùng"}, "Mã này đã được dùng"),
        ({"parent_id": "0", "program": "QĐ 90/QĐ-TTg", "code": "dự án 8", "name": "X"}, "Mã ngắn gồm chữ"),
        ({"parent_id": "0", "program": "", "code": "DA8", "name": "X"}, "Nhập tên chương trình"),
        ({"parent_id": "0", "program": "QĐ 90/QĐ-TTg", "code": "DA8", "name": " "}, "Nhập tên."),
        ({"parent_id": str(sub.id), "program": "", "code": "DA3.TDA1.X", "name": "X"}, "phải thuộc một dự án"),
    ]:
        response = client.post("/admin/catalog/", data=data)
        assert response.status_code == 422, data
        assert message in response.get_data(as_text=True)
    assert len(catalog()) == 18


def test_only_top_level_admins_change_the_catalog(world, client):
    district_admin = user((Role.ADMIN, world.district))
    login(client, district_admin)
    assert client.get("/admin/catalog/").status_code == 200  # administrators read it
    assert "Thêm dự án hoặc tiểu dự án" not in client.get("/admin/catalog/").get_data(as_text=True)
    item = catalog()["DA2"]
    assert client.post("/admin/catalog/", data={"parent_id": "0", "program": "X", "code": "Y",
                                                "name": "Z"}).status_code == 403
    assert client.get(f"/admin/catalog/{item.id}").status_code == 403
    client.post("/logout")
    login(client, world.head)
    assert client.get("/admin/catalog/").status_code == 403
