#!/usr/bin/env bash
# A synthetic demo history for `./nimo run --demo`: cases in 目黒区, 世田谷区 and 渋谷区 with the events
# that show a barrier, enough for detection to raise candidates, Meguro's council with its members, a meeting
# held (an issue taken to a plan, a pack issued) and one to come. Everything goes through the REST API as the demo users.
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

# Meguro's council seats its members: the health centre and the prefecture's mental health centre, and the
# realtors' association, first as an observer and a member since ten days ago (an observer becoming a member)
seat() { # organisation stakeholder-type tier role since
    post "$SECRETARIAT" /api/councils/council-13110/members \
        "{\"organisation\":\"$1\",\"stakeholderType\":\"$2\",\"tier\":\"$3\",\"role\":\"$4\",\"since\":\"$5\"}" >/dev/null
}
seat meguro-health-centre GOVERNMENT REPRESENTATIVE MEMBER "$(on 400)"
seat tokyo-mental-health-centre MEDICAL PRACTITIONER MEMBER "$(on 400)"
seat setagaya-realtors-association HOUSING REPRESENTATIVE OBSERVER "$(on 200)"
post "$SECRETARIAT" /api/councils/council-13110/members/setagaya-realtors-association/change-role \
    "{\"role\":\"MEMBER\",\"on\":\"$(on 10)\"}" >/dev/null

# a practitioner's report, put on the agenda of a meeting thirty days ago that takes it through verification to
# a plan; the pack is issued as of now (everything here was recorded today), and the meeting held with minutes
issue=$(post "$SECRETARIAT" /api/issues '{"title":"措置入院者の退院後支援が途切れる","category":"C07","municipality":"13110","origin":"PRACTITIONER_REPORT","description":"デモ：退院後の支援につながらない事例の報告"}' | field issueId)
held=$(post "$SECRETARIAT" /api/councils/council-13110/meetings \
    "{\"title\":\"目黒区協議の場 第1回（デモ）\",\"heldOn\":\"$(on 30)\",\"format\":\"IN_PERSON\",\"agenda\":[{\"issueId\":\"$issue\",\"ask\":\"PLAN\"}]}" | field meetingId)
cut_off=$(date -u +%FT%TZ)
for attempt in 1 2 3 4 5 6 7 8 9 10; do # 503 while the read side has not yet read up to the cut-off
    post "$SECRETARIAT" "/api/meetings/$held/issue-pack" "{\"cutOff\":\"$cut_off\"}" >/dev/null && break
    ((attempt < 10)) || exit 1
    sleep 2
done
meeting="\"meetingId\":\"$held\""
post "$SECRETARIAT" "/api/issues/$issue/promote" "{\"councilId\":\"council-13110\",$meeting}" >/dev/null
post "$SECRETARIAT" "/api/issues/$issue/start-verification" "{$meeting}" >/dev/null
post "$SECRETARIAT" "/api/issues/$issue/verify" "{\"statement\":\"個別の課題ではなく地域の課題として共有\",$meeting}" >/dev/null
post "$SECRETARIAT" "/api/issues/$issue/plan" "{\"targets\":[{\"indicator\":\"POST_DISCHARGE_SUPPORT_STARTED\",\"fiscalYear\":$FISCAL_YEAR,\"unit\":\"cases\",\"direction\":\"INCREASE\",\"baseline\":1,\"target\":2}],\"roles\":[{\"organisation\":\"meguro-health-centre\",\"responsibility\":\"退院前からの関与\"}],$meeting}" >/dev/null
post "$SECRETARIAT" "/api/meetings/$held/record-attendance" \
    '{"attendees":[{"organisation":"meguro-health-centre","count":2},{"organisation":"tokyo-mental-health-centre","count":1},{"organisation":"setagaya-realtors-association","count":1}]}' >/dev/null
post "$SECRETARIAT" "/api/meetings/$held/hold" '{}' >/dev/null
post "$SECRETARIAT" "/api/meetings/$held/record-minutes" '{"summary":"デモ：退院後支援の途切れを地域の課題として確認し、保健所が退院前から関与する計画を定めた。"}' >/dev/null

# a second issue, on the agenda of the next meeting (online, in thirty days)
second=$(post "$SECRETARIAT" /api/issues '{"title":"精神科以外のかかりつけ医を持つ仕組み","category":"C10","municipality":"13110","origin":"SURVEY"}' | field issueId)
post "$SECRETARIAT" /api/councils/council-13110/meetings \
    "{\"title\":\"目黒区協議の場 第2回（デモ）\",\"heldOn\":\"$(date -u -d '30 days' +%F)\",\"format\":\"ONLINE\",\"agenda\":[{\"issueId\":\"$second\",\"ask\":\"PROMOTE\"}]}" >/dev/null

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
