"""A person logs in, opens the registry, filters by a region and a theme, and reads it in French."""

from tests.conftest import PASSWORD


def test_login_filter_the_registry_and_switch_to_french(live_server, page, registry, make_user):
    user = make_user("staff", email="staff@example.org")

    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    assert page.locator("header .account").inner_text().count("staff@example.org") == 1

    page.click("nav >> text=ISCM registry")
    assert page.locator("table.registry tbody tr").count() == 34

    page.select_option("select#region", "asia")
    page.click("form.filters button.primary")
    asia_rows = page.locator("table.registry tbody tr").count()
    assert "region=asia" in page.url
    assert 0 < asia_rows < 34
    assert page.locator("table.registry", has_text="Colombo Process").count() == 1
    assert page.locator("table.registry", has_text="Rabat Process").count() == 0

    page.select_option("select#theme", "labour-migration")
    page.click("form.filters button.primary")
    both = page.locator("table.registry tbody tr").count()
    assert "theme=labour-migration" in page.url
    assert 0 < both <= asia_rows
    assert page.locator("table.registry", has_text="Colombo Process").count() == 1
    assert page.locator("table.registry", has_text="Bali Process").count() == 0

    page.click("form.langs button[value=fr]")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "region=asia" in page.url and "theme=labour-migration" in page.url
    assert page.locator("table.registry tbody tr").count() == both
    assert page.locator("h1").inner_text() == "Registre des MCIM"
    colombo = page.locator("table.registry tbody tr", has_text="Colombo Process")
    assert colombo.locator("td").nth(2).inner_text() == "PCR"
