#!/usr/bin/env bash
# What generator settings save on a realistic wide deals object: generated lines and
# build time, without settings and with the README's example settings.
#
#   scripts/settings-savings.sh            3 timed builds each (median)
#   RUNS=5 scripts/settings-savings.sh
#   WORK_DIR=/tmp/ss scripts/settings-savings.sh   (default target/settings-savings)
#
# 1. Writes a deals snapshot shaped like a real account's: HubSpot's own deal
#    properties (names, types, groups and enumerations as HubSpot defines them), the
#    per-stage analytics HubSpot adds for every stage of every pipeline
#    (hs_date_entered_*, hs_date_exited_*, hs_time_in_*, and their hs_v2_* twins), and
#    a few dozen of the account's own properties (hubspotDefined false).
# 2. Generates the crate twice with the real CLI: without settings, and with
#    $WORK_DIR/hubspot-codegen.toml (the README's example: the account's own
#    properties plus a handful of HubSpot's).
# 3. Counts the lines of src/*.rs of each, builds each once (dependencies), then RUNS
#    times: touch src/lib.rs, time `cargo build` (debug, CARGO_INCREMENTAL=0: the whole
#    crate, as after a regenerate), alternating the two. Prints the medians.
# Needs python3 (writing the snapshot). Builds offline with the workspace's Cargo.lock.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-3}"
work="${WORK_DIR:-$root/target/settings-savings}"
tools_target="${CARGO_TARGET_DIR:-$root/target}"

say() { printf '==> %s\n' "$*" >&2; }

say "building codegen (release)"
(cd "$root" && CARGO_TARGET_DIR="$tools_target" cargo build --quiet --release \
  -p hubspot-codegen --bin codegen)
codegen="$tools_target/release/codegen"

rm -rf "$work/all" "$work/trimmed" "$work/input"
mkdir -p "$work/input"
say "writing the wide deals snapshot"
python3 - "$work/input/deals.json" <<'PY'
import json, sys

def prop(name, label, typ, field, group, hubspot=True, options=None, calculated=False):
    return {
        "name": name, "label": label, "type": typ, "fieldType": field,
        "description": "", "groupName": group, "options": options or [],
        "calculated": calculated, "hidden": False, "hubspotDefined": hubspot,
        "modificationMetadata": {"archivable": not hubspot, "readOnlyDefinition": hubspot,
                                 "readOnlyValue": calculated},
    }

def options(pairs):
    return [{"label": l, "value": v, "displayOrder": i, "hidden": False}
            for i, (v, l) in enumerate(pairs)]

props = [
    prop("dealname", "Deal Name", "string", "text", "dealinformation"),
    prop("amount", "Amount", "number", "number", "dealinformation"),
    prop("closedate", "Close Date", "datetime", "date", "dealinformation"),
    prop("createdate", "Create Date", "datetime", "date", "dealinformation"),
    prop("dealstage", "Deal Stage", "enumeration", "radio", "dealinformation"),
    prop("pipeline", "Pipeline", "enumeration", "select", "dealinformation"),
    prop("hubspot_owner_id", "Deal owner", "enumeration", "select", "dealinformation"),
    prop("description", "Deal Description", "string", "textarea", "dealinformation"),
    prop("dealtype", "Deal Type", "enumeration", "radio", "dealinformation",
         options=options([("newbusiness", "New Business"), ("existingbusiness", "Existing Business")])),
    prop("hs_priority", "Priority", "enumeration", "select", "dealinformation",
         options=options([("low", "Low"), ("medium", "Medium"), ("high", "High")])),
    prop("hs_forecast_category", "Forecast category", "enumeration", "select", "dealinformation",
         options=options([("OMIT", "Not forecasted"), ("PIPELINE", "Pipeline"),
                          ("BEST_CASE", "Best case"), ("COMMIT", "Commit"), ("CLOSED", "Closed won")])),
    prop("hs_object_id", "Record ID", "number", "number", "dealinformation", calculated=True),
    prop("hs_lastmodifieddate", "Last Modified Date", "datetime", "date", "dealinformation"),
    prop("amount_in_home_currency", "Amount in company currency", "number", "calculation_equation",
         "dealinformation", calculated=True),
    prop("deal_currency_code", "Currency", "enumeration", "select", "dealinformation",
         options=options([("EUR", "Euro"), ("GBP", "Pound sterling"), ("USD", "US dollar")])),
    prop("closed_lost_reason", "Closed Lost Reason", "string", "textarea", "dealinformation"),
    prop("closed_won_reason", "Closed Won Reason", "string", "textarea", "dealinformation"),
    prop("num_associated_contacts", "Number of Contacts", "number", "number", "dealinformation",
         calculated=True),
    prop("notes_last_contacted", "Last Contacted", "datetime", "date", "deal_activity"),
    prop("notes_last_updated", "Last Activity Date", "datetime", "date", "deal_activity"),
    prop("notes_next_activity_date", "Next Activity Date", "datetime", "date", "deal_activity"),
    prop("num_contacted_notes", "Number of times contacted", "number", "number", "deal_activity"),
    prop("num_notes", "Number of Sales Activities", "number", "number", "deal_activity"),
    prop("engagements_last_meeting_booked", "Date of last meeting booked in meetings tool",
         "datetime", "date", "deal_activity"),
]
for name, label in [("hs_acv", "Annual contract value"), ("hs_arr", "Annual recurring revenue"),
                    ("hs_mrr", "Monthly recurring revenue"), ("hs_tcv", "Total contract value"),
                    ("hs_closed_amount", "Closed Deal Amount"), ("hs_projected_amount", "Weighted amount"),
                    ("hs_deal_stage_probability", "Deal probability"), ("hs_days_to_close", "Days to close"),
                    ("hs_predicted_amount", "Forecast amount"), ("hs_likelihood_to_close", "Likelihood to close")]:
    props.append(prop(name, label, "number", "calculation_equation", "dealinformation", calculated=True))
for source in ["analytics_source", "analytics_source_data_1", "analytics_source_data_2",
               "analytics_latest_source", "analytics_latest_source_data_1",
               "analytics_latest_source_data_2", "campaign", "manual_forecast_category",
               "next_step", "tag_ids", "all_owner_ids", "all_team_ids", "all_accessible_team_ids",
               "created_by_user_id", "updated_by_user_id", "merged_object_ids",
               "unique_creation_key", "user_ids_of_all_owners", "was_imported", "num_target_accounts",
               "deal_score", "deal_split_users", "is_closed", "is_closed_won", "is_deal_split",
               "latest_meeting_activity", "line_item_global_term", "num_of_associated_line_items",
               "open_deal_create_date", "pinned_engagement_id", "read_only", "sales_email_last_replied",
               "shared_team_ids", "shared_user_ids", "num_associated_deal_splits",
               "primary_associated_company", "exchange_rate", "closed_won_count",
               "object_source", "object_source_id", "object_source_label", "object_source_detail_1",
               "object_source_detail_2", "object_source_detail_3", "object_source_user_id",
               "date_entered_current_stage", "time_in_current_stage", "last_sales_activity_date",
               "last_sales_activity_timestamp", "last_sales_activity_type", "next_meeting_id",
               "next_meeting_name", "next_meeting_start_time", "synced_deal_id", "notes_next_activity",
               "open_amount_in_home_currency"]:
    props.append(prop("hs_" + source, source.replace("_", " ").capitalize(), "string", "text",
                      "analyticsinformation"))
stages = {
    "default": ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled",
                "decisionmakerboughtin", "contractsent", "closedwon", "closedlost"],
    "renewals": ["renewal_review", "renewal_quote", "renewal_negotiation", "renewal_signed",
                 "renewal_won", "renewal_lost"],
    "partners": ["partner_intro", "partner_qualified", "partner_proposal", "partner_contract",
                 "partner_won", "partner_lost"],
    "enterprise": ["ent_discovery", "ent_solution_design", "ent_security_review", "ent_legal",
                   "ent_procurement", "ent_signature", "ent_won", "ent_lost"],
    "smb": ["smb_trial", "smb_demo", "smb_quote", "smb_checkout", "smb_onboarding",
            "smb_won", "smb_lost"],
}
stage_ids = [s for pipeline in stages.values() for s in pipeline]
for stage in stage_ids:
    label = stage.replace("_", " ").title()
    for prefix, what, typ in [("hs_date_entered_", "Date entered", "datetime"),
                              ("hs_date_exited_", "Date exited", "datetime"),
                              ("hs_time_in_", "Time in", "number"),
                              ("hs_v2_date_entered_", "Date entered (v2)", "datetime"),
                              ("hs_v2_date_exited_", "Date exited (v2)", "datetime"),
                              ("hs_v2_latest_time_in_", "Latest time in", "number"),
                              ("hs_v2_cumulative_time_in_", "Cumulative time in", "number")]:
        props.append(prop(prefix + stage, f'{what} "{label}"', typ, "calculation_read_time",
                          "dealstages", calculated=True))
# The account's own properties.
for i, (name, typ, field) in enumerate([
        ("partner_code", "string", "text"), ("renewal_risk", "enumeration", "select"),
        ("contract_length_months", "number", "number"), ("region", "enumeration", "select"),
        ("signed_by", "string", "text"), ("po_number", "string", "text"),
        ("implementation_start", "date", "date"), ("discount_percent", "number", "number"),
        ("competitor", "enumeration", "checkbox"), ("billing_contact_email", "string", "text")]):
    opts = None
    if typ == "enumeration":
        opts = options([("low", "Low"), ("medium", "Medium"), ("high", "High")] if name == "renewal_risk"
                       else [("emea", "EMEA"), ("amer", "Americas"), ("apac", "APAC")] if name == "region"
                       else [("acme", "Acme"), ("globex", "Globex"), ("initech", "Initech")])
    props.append(prop(name, name.replace("_", " ").capitalize(), typ, field, "account_fields",
                      hubspot=False, options=opts))
pipelines = [{"id": pid, "label": pid.title(), "displayOrder": n,
              "stages": [{"id": s, "label": s.replace("_", " ").title(), "displayOrder": k,
                          "metadata": {"isClosed": "true" if s.endswith(("won", "lost")) else "false",
                                       "probability": "1.0" if s.endswith("won") else "0.2"}}
                         for k, s in enumerate(ss)]}
             for n, (pid, ss) in enumerate(stages.items())]
deals = {"name": "deals", "objectTypeId": "0-3", "fullyQualifiedName": "deals",
         "labels": {"singular": "Deal", "plural": "Deals"},
         "primaryDisplayProperty": "dealname", "requiredProperties": ["dealname", "dealstage", "pipeline"],
         "properties": props, "pipelines": pipelines}
json.dump({"results": [deals]}, open(sys.argv[1], "w"), indent=2)
print(f"{len(props)} properties, {len(stage_ids)} stages", file=sys.stderr)
PY
cat >"$work/input/hubspot-codegen.toml" <<'EOF'
# Deals as this program uses them: the account's own properties, plus the handful of
# HubSpot's it reads and writes (required ones would be kept anyway, with a warning).
[object.deals]
rename = "Deal"

[object.deals.properties]
hubspot_defined = false
include = ["dealname", "dealstage", "pipeline", "amount", "closedate", "dealtype",
           "hubspot_owner_id", "hs_priority", "hs_lastmodifieddate"]

[object.deals.rename_properties]
dealname = "name"

[object.deals.derives]
option_enums = ["PartialOrd", "Ord"]
EOF

generate() {
  local out="$1"; shift
  "$codegen" generate --from "$work/input/deals.json" --out "$out" \
    --runtime-path "$root/runtime" "$@" >&2
  printf '\n[workspace]\n' >>"$out/Cargo.toml"
  cp "$root/Cargo.lock" "$out/Cargo.lock"
}
say "generating without settings, then with them"
# Without settings: a snapshot directory with no hubspot-codegen.toml beside it.
mkdir -p "$work/bare" && cp "$work/input/deals.json" "$work/bare/deals.json"
"$codegen" generate --from "$work/bare/deals.json" --out "$work/all" \
  --runtime-path "$root/runtime" >&2
printf '\n[workspace]\n' >>"$work/all/Cargo.toml"; cp "$root/Cargo.lock" "$work/all/Cargo.lock"
generate "$work/trimmed"

lines() { cat "$1"/src/*.rs | wc -l; }
fields() { grep -c '^    pub [a-z_0-9]*: Option<' "$1/src/deals.rs"; }

build() { (cd "$1" && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$work/target" cargo build --offline --quiet); }
say "building both once (dependencies)"
build "$work/all"; build "$work/trimmed"
declare -a t_all t_trimmed
for ((i = 0; i < runs; i++)); do
  for side in all trimmed; do
    touch "$work/$side/src/lib.rs"
    start=$(date +%s%N); build "$work/$side"; end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    say "$side run $((i + 1)): ${ms} ms"
    if [ "$side" = all ]; then t_all+=("$ms"); else t_trimmed+=("$ms"); fi
  done
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
m_all=$(median "${t_all[@]}"); m_trimmed=$(median "${t_trimmed[@]}")
printf '| deals | struct fields | generated lines (src/*.rs) | debug build, median of %s |\n' "$runs"
printf '|---|---:|---:|---:|\n'
printf '| no settings | %s | %s | %s ms |\n' "$(fields "$work/all")" "$(lines "$work/all")" "$m_all"
printf '| example settings | %s | %s | %s ms |\n' "$(fields "$work/trimmed")" "$(lines "$work/trimmed")" "$m_trimmed"
