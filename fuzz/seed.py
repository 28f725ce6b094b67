#!/usr/bin/env python3
"""Writes seed inputs into fuzz/corpus/<target>/: the example responses, webhook bodies,
signature vectors and tracking-number formats under testdata/ (and under any other directory
laid out the same way, given with --extra), plus hand-written API bodies. Run it after adding
a fixture; `run.sh` minimizes the corpora afterwards.

Usage: fuzz/seed.py [--extra DIR ...]
"""
import argparse
import hashlib
import json
import pathlib

FUZZ = pathlib.Path(__file__).resolve().parent
ROOT = FUZZ.parent
TESTDATA = ROOT / "testdata"


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    elif not isinstance(data, bytes):
        data = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    directory = FUZZ / "corpus" / target
    directory.mkdir(parents=True, exist_ok=True)
    (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)


def without_provenance(value):
    if isinstance(value, dict):
        return {k: without_provenance(v) for k, v in value.items() if k != "_provenance"}
    if isinstance(value, list):
        return [without_provenance(v) for v in value]
    return value


def json_files(dirs, relative):
    for d in dirs:
        path = d / relative
        if path.is_file():
            yield path


def main():
    parser = argparse.ArgumentParser(description="Seed the fuzz corpora from fixtures.")
    parser.add_argument("--extra", action="append", default=[], type=pathlib.Path,
                        help="another directory laid out like testdata/")
    dirs = [TESTDATA] + parser.parse_args().extra

    carriers = {
        "ups": [{"response": {"errors": [{"code": "250003", "message": "Invalid Access License number"}]}}],
        "fedex": [{"transactionId": "t", "errors": [{"code": "NOT.FOUND.ERROR", "message": "m"}]}],
        "usps": [{"apiVersion": "/tracking/v3", "error": {"code": "400", "message": "Tracking is not available",
                  "errors": [{"status": "400", "code": "1001", "title": "Invalid tracking number", "detail": "not found"}]}}],
        "dhl": [{"title": "Bad request", "status": 400, "detail": "Invalid service"}],
    }
    for carrier, errors in carriers.items():
        for path in json_files(dirs, f"carrier_responses/{carrier}.json"):
            write(carrier, without_provenance(json.loads(path.read_text())))
        for body in errors:
            write(carrier, body)

    pushes = {
        "easypost": "webhooks/easypost_tracker_updated_event.json",
        "aftership": "webhooks/aftership_tracking_update.json",
        "seventeen_track": "webhooks/17track_tracking_updated.json",
    }
    for target, relative in pushes.items():
        for path in json_files(dirs, relative):
            write(target, without_provenance(json.loads(path.read_text())))

    selectors = {"EasyPost": b"0", "AfterShip": b"1", "17TRACK": b"2"}
    for path in json_files(dirs, "webhooks/signature_vectors.json"):
        for vector in json.loads(path.read_text()):
            selector = next((s for name, s in selectors.items() if vector["scheme"].startswith(name)), None)
            if selector is None or "body_file" not in vector:
                continue
            body = (path.parent / vector["body_file"]).read_bytes()
            write("webhook_signature", selector + vector["secret"].encode() + b"\n"
                  + vector["expected"].encode() + b"\n" + body)

    hints = {"ups": "UPS", "fedex": "FedEx", "usps": "USPS", "dhl": "DHL Express", "canadapost": "canada_post"}
    for d in dirs:
        for path in sorted((d / "carrier_formats" / "couriers").glob("*.json")):
            courier = json.loads(path.read_text())
            for number_format in courier.get("tracking_numbers", []):
                numbers = number_format.get("test_numbers", {})
                for number in numbers.get("valid", [])[:3] + numbers.get("invalid", [])[:2]:
                    hint = hints.get(path.stem)
                    write("detect", number if hint is None else f"{number}\n{hint}")

    customer = {"name": "Ana Lima", "email": "ana@example.com", "phone": "+14155550100",
                "locale": "pt-BR", "timezone": "America/Sao_Paulo"}
    destination = {"city": "Lisbon", "region": None, "postal_code": "1100-148", "country": "PT"}
    shipment = {"tracking_number": "1Z999AA10123456784", "carrier": "ups", "service": "Ground"}
    write("api_order", {"order_number": "#1001", "external_id": "gid://shop/Order/1", "customer": customer,
                        "destination": destination,
                        "items": [{"name": "Mug", "quantity": 2, "sku": "MUG-1"}],
                        "placed_at": "2026-02-27T10:00:00Z", "promised_date": "2026-03-04",
                        "shipments": [shipment, {"tracking_number": "9400 1000 0000 0000 0000 00", "carrier": None, "service": None}]})
    write("api_order", {"order_number": "", "external_id": None, "customer": {"email": "not an email"},
                        "destination": {"country": "XX"}, "items": [], "placed_at": None,
                        "promised_date": None, "shipments": []})
    write("api_shipment", shipment)
    write("api_shipment", {"tracking_number": "12-34", "carrier": "pigeon", "service": " "})
    write("api_shipment_patch", {"tracking_number": "1Z999AA10123456784", "carrier": None, "service": "Express"})
    write("api_shipment_patch", {})
    write("api_event", {"occurred_at": "2026-03-01T14:05:00-05:00", "stage": "out_for_delivery",
                        "substatus": None, "description": "Out with the courier", "location": "Porto, PT"})
    write("api_event", {"occurred_at": None, "stage": "delivered", "substatus": "left_at_door",
                        "description": "Left at the door", "location": None})
    write("api_branding", {"logo_url": "https://acme.example/logo.png", "primary_color": "#1a56db",
                           "accent_color": "#0e7a55", "font": "humanist", "header_message": "**Thanks!**",
                           "support_email": "help@acme.example", "support_phone": "+14155550100",
                           "support_url": "https://acme.example/help",
                           "faq": [{"question": "Where is it?", "answer": "See [the map](https://acme.example)."}],
                           "footer_links": [{"label": "Returns", "url": "mailto:returns@acme.example"}],
                           "delay_message": "We are _on it_.", "link_expiry_days": 30})
    write("api_branding", {"primary_color": "blue", "faq": [], "footer_links": [], "link_expiry_days": 0})
    write("api_hosts", {"domains": ["track.acme.example", "Shop.Example."], "widget_origins": ["https://acme.example", "http://localhost:3000"]})
    write("api_hosts", {"domains": ["a b"], "widget_origins": ["ftp://x/"]})


if __name__ == "__main__":
    main()
