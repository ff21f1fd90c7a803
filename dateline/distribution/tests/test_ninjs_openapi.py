"""The OpenAPI description of the ninjs API at /api/schema/."""

from __future__ import annotations

from openapi_spec_validator import validate


def test_schema_is_valid_openapi_with_the_api_paths(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    document = response.json()
    validate(document)  # raises on an invalid OpenAPI document
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    assert set(paths) >= {"/api/ninjs/", "/api/ninjs/{article_id}"}
    list_op = paths["/api/ninjs/"]["get"]
    parameters = {p["name"] for p in list_op["parameters"]}
    assert parameters >= {"since", "section", "locale", "dossier", "limit", "offset"}
    assert {"200", "400", "401", "403", "429"} <= set(list_op["responses"])
    assert "404" in paths["/api/ninjs/{article_id}"]["get"]["responses"]
    schemes = document["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}


def test_responses_match_the_described_schemas(client, demo):
    from jsonschema import Draft202012Validator

    from dateline.distribution.actions import create_api_key

    document = client.get("/api/schema/").json()
    components = document["components"]

    def validator(name):
        return Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": components})

    key = create_api_key(name="Docs", subscriber="Example Daily")[1]
    page = client.get("/api/ninjs/", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert page["items"]
    validator("NinjsPage").validate(page)
    standard = components["schemas"]["Standard"]["properties"]
    assert "schema" in standard and set(page["items"][0]["standard"]) <= set(standard)
    validator("ErrorBody").validate(client.get("/api/ninjs/").json())
