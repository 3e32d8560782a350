#!/usr/bin/env bash
# A synthetic demo history for `./nimo run --demo`: cases in 目黒区, 世田谷区 and 渋谷区 with the events
# that show a barrier, enough for detection to raise candidates, and two issues that Meguro's council
# has taken through part of its lifecycle. Everything goes through the REST API as the demo users.
# A synthetic Tokyo of three years from the workload generator goes in through the bulk import.
# Usage: demo-history.sh <write base url> <credentials file> <java> <write-side jar>
set -euo pipefail

WRITE="$1"
CREDENTIALS="$2"
JAVA="$3"
WRITE_JAR="$4"

password() { awk -v u="$1" '$1 == u { print $2 }' "$CREDENTIALS"; }
WORKER="worker-meguro:$(password worker-meguro)"
SETAGAYA="worker-setagaya:$(password worker-setagaya)"
SECRETARIAT="secretariat-meguro:$(password secretariat-meguro)"
ADMIN="admin:$(password admin)"

post() { # user path body -> the answer's body; fails on anything but 2xx
    curl -sS --fail-with-body -u "$1" -H 'Content-Type: application/json' -d "$3" "$WRITE$2"
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
on() { date -u -d "$1 days ago" +%F; } # a business date some days before today

# a case with the agency's own reference (personal data, kept encrypted; the caseload page searches by it);
# the serial is kept in a file because each case is opened in a subshell
SERIALS="$(mktemp)"
trap 'rm -f "$SERIALS"' EXIT
open_case() {
    local serial=$(( $(wc -l <"$SERIALS") + 1 ))
    echo "$serial" >>"$SERIALS"
    post "$1" /api/cases "{\"municipality\":\"$2\",\"ageBand\":\"$3\",\"externalRef\":\"DEMO-$2-$(printf %03d "$serial")\"}" | field caseId
}
record() { post "$1" "/api/cases/$2/events" "$3" >/dev/null; }

# 目黒区: three refused tenancies within 90 days from three cases (a C04 candidate), one with a note
for i in 1 2 3; do
    c=$(open_case "$WORKER" 13110 "40-49")
    record "$WORKER" "$c" "{\"kind\":\"HousingSearchStarted\",\"occurredOn\":\"$(on $((80 - i * 20)))\",\"targetType\":\"SINGLE_APARTMENT\"}"
    record "$WORKER" "$c" "{\"kind\":\"RentalRefused\",\"occurredOn\":\"$(on $((70 - i * 20)))\",\"reason\":\"PREJUDICE\",\"note\":\"デモ：不動産業者に断られた\"}"
done

# 目黒区: discharges after 措置入院, one of them followed up within 30 days
for i in 1 2; do
    c=$(open_case "$WORKER" 13110 "30-39")
    record "$WORKER" "$c" "{\"kind\":\"PoliceReportReceived\",\"occurredOn\":\"$(on 120)\",\"receivedBy\":\"HEALTH_CENTRE\",\"resident\":true,\"outcome\":\"INVOLUNTARY\"}"
    record "$WORKER" "$c" "{\"kind\":\"Admitted\",\"occurredOn\":\"$(on 119)\",\"admissionType\":\"INVOLUNTARY\"}"
    record "$WORKER" "$c" "{\"kind\":\"Discharged\",\"occurredOn\":\"$(on 60)\",\"destination\":\"HOME\"}"
    if ((i == 1)); then
        record "$WORKER" "$c" "{\"kind\":\"PostDischargeSupportStarted\",\"occurredOn\":\"$(on 50)\"}"
    fi
done

# 世田谷区: outreach to people whose treatment was interrupted, and a long-stay inpatient visited with consent
for i in 1 2 3; do
    c=$(open_case "$SETAGAYA" 13112 "50-59")
    record "$SETAGAYA" "$c" "{\"kind\":\"TreatmentInterruptionDetected\",\"occurredOn\":\"$(on $((40 + i)))\",\"suspectedCause\":\"LACK_OF_INSIGHT\"}"
    record "$SETAGAYA" "$c" "{\"kind\":\"OutreachVisitConducted\",\"occurredOn\":\"$(on $((30 + i)))\",\"visitorProfessions\":[\"PUBLIC_HEALTH_NURSE\",\"PSYCHIATRIC_SOCIAL_WORKER\"],\"contactMade\":true}"
done
c=$(open_case "$SETAGAYA" 13112 "60-69")
record "$SETAGAYA" "$c" "{\"kind\":\"LongStayInpatientListed\",\"occurredOn\":\"$(on 100)\",\"lengthOfStayBand\":\"TEN_YEARS_OR_MORE\",\"listedWithConsent\":true}"
record "$SETAGAYA" "$c" "{\"kind\":\"ConsentGranted\",\"occurredOn\":\"$(on 95)\",\"purpose\":\"VISIT\",\"grantedBy\":\"PERSON\",\"method\":\"DOCUMENT\"}"
record "$SETAGAYA" "$c" "{\"kind\":\"InpatientVisitedByCommunitySupporter\",\"occurredOn\":\"$(on 90)\",\"visitorRoles\":[\"CONSULTATION_SUPPORT_SPECIALIST\"],\"metPerson\":true}"

# the Japanese fiscal year (April to March) of today
FISCAL_YEAR=$(( 10#$(date -u +%m) >= 4 ? $(date -u +%Y) : $(date -u +%Y) - 1 ))

# Meguro's council takes a practitioner's report through verification to a plan
meeting="\"meeting\":{\"title\":\"目黒区協議の場（デモ）\",\"heldOn\":\"$(on 30)\",\"format\":\"IN_PERSON\"}"
issue=$(post "$SECRETARIAT" /api/issues '{"title":"措置入院者の退院後支援が途切れる","category":"C07","municipality":"13110","origin":"PRACTITIONER_REPORT","description":"デモ：退院後の支援につながらない事例の報告"}' | field issueId)
post "$SECRETARIAT" "/api/issues/$issue/promote" "{\"councilId\":\"council-13110\",$meeting}" >/dev/null
post "$SECRETARIAT" "/api/issues/$issue/start-verification" "{$meeting}" >/dev/null
post "$SECRETARIAT" "/api/issues/$issue/verify" "{\"statement\":\"個別の課題ではなく地域の課題として共有\",$meeting}" >/dev/null
post "$SECRETARIAT" "/api/issues/$issue/plan" "{\"targets\":[{\"indicator\":\"POST_DISCHARGE_SUPPORT_STARTED\",\"fiscalYear\":$FISCAL_YEAR,\"unit\":\"cases\",\"direction\":\"INCREASE\",\"baseline\":1,\"target\":2}],\"roles\":[{\"organisation\":\"meguro-health-centre\",\"responsibility\":\"退院前からの関与\"}],$meeting}" >/dev/null
post "$SECRETARIAT" /api/issues '{"title":"精神科以外のかかりつけ医を持つ仕組み","category":"C10","municipality":"13110","origin":"SURVEY"}' >/dev/null

# a synthetic Tokyo: three years of casework in every municipality from the workload generator, imported by
# the prefecture's mental health centre in one NDJSON body; detection finds the clusters planted in it
if [[ -n "$(password worker-tokyo)" ]]; then
    WORKLOAD="$(mktemp)"
    trap 'rm -f "$SERIALS" "$WORKLOAD"' EXIT
    "$JAVA" -Dloader.main=jp.nimo.infra.workload.Workload -cp "$WRITE_JAR" \
        org.springframework.boot.loader.launch.PropertiesLauncher 1 13 600 "$(on 1095)" "$(on 1)" >"$WORKLOAD"
    curl -sS --fail-with-body -u "worker-tokyo:$(password worker-tokyo)" -H 'Content-Type: application/x-ndjson' \
        --data-binary @"$WORKLOAD" "$WRITE/api/import" \
        | python3 -c "import json,sys; a=json.load(sys.stdin); print('imported', a['accepted'], 'lines,', a['rejectedCount'], 'rejected')"
else
    echo "the users file has no worker-tokyo (made before it was a demo user): the synthetic Tokyo is left out"
fi

# move the detection clock on, so that absences already due fire now
curl -sS --fail -u "$ADMIN" -X POST "$WRITE/api/admin/detection-clock/tick" >/dev/null
echo "demo history loaded"
