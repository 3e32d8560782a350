// The pages' small script: JSON forms that post through the write proxy and show the API's
// problem+json next to the fields, the event form's kind chooser, charts from JSON data blocks,
// and the CSRF token on htmx requests. No inline script anywhere (the pages' CSP forbids it).
(function () {
    'use strict';

    var messages = {};
    try {
        var block = document.getElementById('nimo-messages');
        messages = block ? JSON.parse(block.textContent) : {};
    } catch (e) {
        messages = {};
    }

    function say(key, fallback) {
        return messages[key] || fallback || key;
    }

    function csrfToken() {
        var meta = document.querySelector('meta[name="csrf-token"]');
        return meta ? meta.getAttribute('content') : null;
    }

    function newKey() {
        if (window.crypto && window.crypto.randomUUID) {
            return window.crypto.randomUUID();
        }
        return String(Date.now()) + '-' + String(Math.random()).slice(2);
    }

    // ---------------------------------------------------------------------------------------
    // JSON forms: <form data-json-form action="/write/api/..." data-success="/cases/{caseId}">

    // The API's field messages (English) by their beginning, to the page's words.
    var FIELD_MESSAGES = [
        [/^is required/, 'field.required'],
        [/must be an ISO-8601 date/, 'field.date'],
        [/^must be one of/, 'field.oneOf'],
        [/^must be a list of|^must name at least one value/, 'field.list'],
        [/must not be blank|must be a non-blank string/, 'field.blank'],
        [/^must be at most/, 'field.tooLong'],
        [/^must be a whole number/, 'field.number'],
        [/^must be between/, 'field.range'],
        [/known municipality/, 'field.unknownMunicipality'],
        [/after it was recorded|in the future/, 'field.future'],
        [/control character/, 'field.control']
    ];

    function fieldMessage(message) {
        if (document.documentElement.lang === 'en') {
            return message;
        }
        for (var i = 0; i < FIELD_MESSAGES.length; i++) {
            if (FIELD_MESSAGES[i][0].test(message || '') && messages[FIELD_MESSAGES[i][1]]) {
                return messages[FIELD_MESSAGES[i][1]];
            }
        }
        return message;
    }

    // Sets value at a path such as "meeting.title" or "targets[0].indicator".
    function put(target, path, value) {
        var parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
        var node = target;
        for (var i = 0; i < parts.length - 1; i++) {
            var key = parts[i];
            var nextIsIndex = /^\d+$/.test(parts[i + 1]);
            if (node[key] === undefined) {
                node[key] = nextIsIndex ? [] : {};
            }
            node = node[key];
        }
        node[parts[parts.length - 1]] = value;
    }

    function compact(value) {
        if (Array.isArray(value)) {
            return value.filter(function (v) { return v !== undefined && v !== null; }).map(compact);
        }
        if (value && typeof value === 'object') {
            Object.keys(value).forEach(function (k) { value[k] = compact(value[k]); });
        }
        return value;
    }

    function formBody(form) {
        numberRows(form);
        var body = {};
        Array.prototype.forEach.call(form.elements, function (el) {
            // a control in a disabled fieldset (a kind not chosen) is :disabled without being .disabled itself
            if (!el.name || el.disabled || (el.matches && el.matches(':disabled')) || el.type === 'submit'
                || el.type === 'button' || el.name === '_csrf'
                || el.hasAttribute('data-not-sent')) {
                return;
            }
            var type = el.getAttribute('data-type') || '';
            var value;
            if (el.type === 'checkbox' && type === 'boolean') {
                value = el.checked;
            } else if (el.type === 'checkbox') {
                if (!el.checked) {
                    return;
                }
                value = el.value;
            } else if (el.type === 'radio') {
                if (!el.checked) {
                    return;
                }
                // yes/no radios carry data-type="boolean" and are sent as true/false
                value = type === 'boolean' ? el.value === 'true' : (type === 'number' ? Number(el.value) : el.value);
            } else if (el.multiple) {
                value = Array.prototype.filter.call(el.options, function (o) { return o.selected; })
                    .map(function (o) { return o.value; });
                if (value.length === 0) {
                    return;
                }
            } else {
                value = el.value;
                if (value === '' ) {
                    return;
                }
                if (type === 'number') {
                    value = Number(value);
                } else if (type === 'jst-instant') {
                    // a datetime-local field shows Japan's time; the API takes an instant with its offset
                    value = (value.length === 16 ? value + ':00' : value) + '+09:00';
                } else if (type === 'boolean') {
                    value = value === 'true';
                }
            }
            if (type === 'list' && !Array.isArray(value)) {
                var existing = body;
                var found = el.name.split('.').reduce(function (n, k) { return n && n[k]; }, existing);
                value = (Array.isArray(found) ? found : []).concat([value]);
            }
            put(body, el.name, value);
        });
        return compact(body);
    }

    // Rows of a list that a person leaves out (<tr data-list-row="attendees"> with an unchecked
    // [data-row-switch]) are not sent, and the rows sent are numbered from 0 without gaps, names and
    // error holders alike, so that the API's "attendees[1].count" is said beside the row it means.
    function numberRows(form) {
        var next = {};
        Array.prototype.forEach.call(form.querySelectorAll('[data-list-row]'), function (row) {
            var list = row.getAttribute('data-list-row');
            var toggle = row.querySelector('[data-row-switch]');
            var present = !toggle || toggle.checked;
            var index = null;
            if (present) {
                index = next[list] === undefined ? 0 : next[list];
                next[list] = index + 1;
            }
            var pattern = new RegExp('^' + list.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\[\\d*\\]');
            Array.prototype.forEach.call(row.querySelectorAll('[name], [data-error-for]'), function (el) {
                var attribute = el.hasAttribute('name') ? 'name' : 'data-error-for';
                var value = el.getAttribute(attribute);
                if (!pattern.test(value)) {
                    return;
                }
                el.setAttribute(attribute, value.replace(pattern, list + '[' + (present ? index : '') + ']'));
                if (attribute === 'name') {
                    if (present) {
                        el.removeAttribute('data-not-sent');
                    } else {
                        el.setAttribute('data-not-sent', '');
                    }
                }
            });
        });
    }

    function statusBox(form) {
        var box = form.querySelector('[data-form-status]');
        if (!box) {
            box = document.createElement('div');
            box.setAttribute('data-form-status', '');
            form.insertBefore(box, form.firstChild);
        }
        return box;
    }

    function clearErrors(form) {
        Array.prototype.forEach.call(form.querySelectorAll('[data-error-for]'), function (el) {
            el.textContent = '';
            el.hidden = true;
        });
        Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (el) {
            el.removeAttribute('aria-invalid');
        });
        Array.prototype.forEach.call(form.querySelectorAll('[data-problem-type]'), function (el) {
            el.hidden = true;
        });
        var box = statusBox(form);
        box.textContent = '';
        box.className = '';
        box.removeAttribute('role');
    }

    function fieldControl(form, field) {
        var controls = form.querySelectorAll('[name]');
        for (var i = 0; i < controls.length; i++) {
            if (controls[i].name === field && !controls[i].disabled) {
                return controls[i];
            }
        }
        return null;
    }

    // The holder of a field's message in the part of the form that is in use: forms generated per kind
    // repeat field names in the fieldsets of the kinds not chosen, which are disabled.
    function errorHolder(form, field) {
        var holders = form.querySelectorAll('[data-error-for="' + CSS.escape(field) + '"]');
        for (var i = 0; i < holders.length; i++) {
            if (!holders[i].closest('fieldset[disabled]')) {
                return holders[i];
            }
        }
        return null;
    }

    // An explained problem may name what it is about (e.g. the missing consent's purpose): the matching
    // [data-value] of a [data-problem-member] is shown, and links with data-href-template get the value.
    function explain(explained, problem) {
        Array.prototype.forEach.call(explained.querySelectorAll('[data-problem-member]'), function (holder) {
            var value = problem ? problem[holder.getAttribute('data-problem-member')] : undefined;
            var any = false;
            Array.prototype.forEach.call(holder.querySelectorAll('[data-value]'), function (el) {
                el.hidden = value === undefined || el.getAttribute('data-value') !== String(value);
                any = any || !el.hidden;
            });
            holder.hidden = !any;
        });
        Array.prototype.forEach.call(explained.querySelectorAll('a[data-href-template]'), function (link) {
            var href = fill(link.getAttribute('data-href-template'), problem || {});
            if (!/\{\w+\}/.test(href)) {
                link.setAttribute('href', href);
            }
        });
    }

    function showProblem(form, status, problem) {
        var box = statusBox(form);
        box.className = 'notice error';
        box.setAttribute('role', 'alert');
        var slug = (problem && problem.type ? String(problem.type) : '').split('/').pop();
        var lines = [];
        var errors = (problem && problem.errors) || [];
        var firstInvalid = null;
        errors.forEach(function (error) {
            var holder = errorHolder(form, error.field || '');
            var control = fieldControl(form, error.field);
            var text = fieldMessage(error.message);
            if (holder) {
                holder.textContent = text;
                holder.hidden = false;
                if (control) {
                    control.setAttribute('aria-invalid', 'true');
                    firstInvalid = firstInvalid || control;
                }
            } else {
                lines.push((error.field ? error.field + ': ' : '') + text);
            }
        });
        // a broken rule that names its field (e.g. a discharge without an admission, on the date) is said beside it
        if (errors.length === 0 && problem && problem.field && messages['problem.' + slug]) {
            var ruleHolder = errorHolder(form, String(problem.field));
            var ruleControl = fieldControl(form, String(problem.field));
            if (ruleHolder) {
                ruleHolder.textContent = messages['problem.' + slug];
                ruleHolder.hidden = false;
                if (ruleControl) {
                    ruleControl.setAttribute('aria-invalid', 'true');
                    firstInvalid = ruleControl;
                }
            }
        }
        var explained = form.querySelector('[data-problem-type="' + CSS.escape(slug) + '"]');
        if (explained) {
            explained.hidden = false;
            explain(explained, problem);
        }
        var headline;
        if (messages['problem.' + slug]) {
            headline = messages['problem.' + slug];
        } else if (errors.length > 0) {
            headline = say('fieldErrors');
        } else if (status === 401) {
            headline = say('sessionEnded');
        } else if (status === 403) {
            headline = say('forbidden');
        } else if (status === 404) {
            headline = say('notFound');
        } else if (status === 409) {
            headline = say('conflict');
        } else if (status === 429) {
            headline = say('tooMany');
        } else if (status >= 500) {
            headline = say('unavailable');
        } else {
            headline = say('problem') + (problem && problem.detail ? ' (' + problem.detail + ')' : '');
        }
        var p = document.createElement('p');
        p.textContent = headline;
        box.appendChild(p);
        if (lines.length) {
            var ul = document.createElement('ul');
            lines.forEach(function (line) {
                var li = document.createElement('li');
                li.textContent = line;
                ul.appendChild(li);
            });
            box.appendChild(ul);
        }
        if (firstInvalid) {
            firstInvalid.focus();
        } else {
            box.setAttribute('tabindex', '-1');
            box.focus();
        }
    }

    function fill(template, answer) {
        return template.replace(/\{(\w+)\}/g, function (all, name) {
            return answer && answer[name] !== undefined ? encodeURIComponent(answer[name]) : all;
        });
    }

    // An answer shown once on the page instead of leaving it (a new token's secret).
    function showAnswer(form, container, answer) {
        clearErrors(form);
        if (!container) {
            return;
        }
        Array.prototype.forEach.call(container.querySelectorAll('[data-answer]'), function (el) {
            var value = answer[el.getAttribute('data-answer')];
            if ('value' in el) {
                el.value = value === undefined ? '' : value;
            } else {
                el.textContent = value === undefined ? '' : value;
            }
        });
        form.hidden = true;
        container.hidden = false;
        var first = container.querySelector('[data-answer]');
        if (first) {
            first.focus();
            if (first.select) {
                first.select();
            }
        }
    }

    function submitJson(form, event) {
        event.preventDefault();
        if (form.getAttribute('aria-busy') === 'true') {
            return;
        }
        var question = form.getAttribute('data-confirm');
        if (question && !window.confirm(question)) {
            return;
        }
        clearErrors(form);
        if (!form.getAttribute('data-idempotency-key')) {
            form.setAttribute('data-idempotency-key', newKey());
        }
        var headers = {'Content-Type': 'application/json', 'Accept': 'application/json, application/problem+json'};
        var token = csrfToken();
        if (token) {
            headers['X-CSRF-TOKEN'] = token;
        }
        var method = (form.getAttribute('data-method') || 'POST').toUpperCase();
        if (method === 'POST') {
            headers['Idempotency-Key'] = form.getAttribute('data-idempotency-key');
        }
        var box = statusBox(form);
        box.className = 'notice';
        box.setAttribute('role', 'status');
        box.textContent = say('sending');
        form.setAttribute('aria-busy', 'true');
        fetch(form.getAttribute('action'), {
            method: method,
            headers: headers,
            credentials: 'same-origin',
            body: method === 'DELETE' ? undefined : JSON.stringify(formBody(form))
        }).then(function (response) {
            return response.text().then(function (text) {
                var answer = null;
                try {
                    answer = text ? JSON.parse(text) : null;
                } catch (e) {
                    answer = null;
                }
                return {status: response.status, answer: answer};
            });
        }).then(function (result) {
            form.removeAttribute('aria-busy');
            if (result.status >= 200 && result.status < 300) {
                form.removeAttribute('data-idempotency-key');
                var shown = form.getAttribute('data-show-answer');
                if (shown) {
                    showAnswer(form, document.getElementById(shown), result.answer || {});
                    return;
                }
                var next = form.getAttribute('data-success');
                if (next) {
                    window.location.assign(fill(next, result.answer || {}));
                } else {
                    window.location.reload();
                }
                return;
            }
            // a definite refusal: the next attempt is a new request; a server that did not answer keeps the key
            if (result.status < 500) {
                form.removeAttribute('data-idempotency-key');
            }
            clearErrors(form);
            showProblem(form, result.status, result.answer);
        }).catch(function () {
            form.removeAttribute('aria-busy');
            clearErrors(form);
            showProblem(form, 503, null);
        });
    }

    // ---------------------------------------------------------------------------------------
    // Kind chooser: only the chosen kind's fieldset is shown and sent.

    function chooseKind(select) {
        var form = select.form;
        var chosen = select.value;
        Array.prototype.forEach.call(form.querySelectorAll('fieldset[data-kind]'), function (set) {
            var on = set.getAttribute('data-kind') === chosen;
            set.hidden = !on;
            set.disabled = !on;
        });
    }

    // ---------------------------------------------------------------------------------------
    // Charts: <canvas data-chart="id-of-a-json-block"> with {type, labels, datasets:[{label, data}], yTitle, integer}

    var PALETTE = ['#1f5fa8', '#c2410c', '#15803d', '#7e22ce', '#b45309', '#0e7490', '#be123c', '#4d7c0f'];

    function drawChart(canvas) {
        if (!window.Chart) {
            return;
        }
        var source = document.getElementById(canvas.getAttribute('data-chart'));
        if (!source) {
            return;
        }
        var spec = JSON.parse(source.textContent);
        var type = spec.type || 'bar';
        var datasets = (spec.datasets || []).map(function (set, i) {
            var colour = set.colour || PALETTE[i % PALETTE.length];
            return {
                label: set.label,
                data: set.data,
                type: set.type || undefined,
                backgroundColor: type === 'line' || set.type === 'line' ? colour : colour + 'cc',
                borderColor: colour,
                borderWidth: 2,
                borderDash: set.dashed ? [6, 4] : undefined,
                fill: false,
                stack: set.stack,
                spanGaps: true
            };
        });
        new window.Chart(canvas, {
            type: type,
            data: {labels: spec.labels || [], datasets: datasets},
            options: {
                animation: false,
                responsive: true,
                maintainAspectRatio: false,
                plugins: {legend: {position: 'bottom'}},
                scales: {
                    x: {stacked: !!spec.stacked},
                    // counts have no halves: "integer" keeps the axis to whole numbers
                    y: {stacked: !!spec.stacked, beginAtZero: true, ticks: spec.integer ? {precision: 0} : {},
                        title: {display: !!spec.yTitle, text: spec.yTitle || ''}}
                }
            }
        });
    }

    // ---------------------------------------------------------------------------------------
    // JSON sources: a section filled from a GET of the API, for what only the write side holds
    // (the read side's page cannot call it): <section data-json-source="/write/api/..." data-labels="id">
    // with [data-json-text="a.b"] slots, [data-json-rows="list"] holding a <template> row, and
    // [data-json-empty="list"], [data-json-failed] shown when they apply.

    function valueAt(node, path) {
        return path.split('.').reduce(function (n, k) { return n === undefined || n === null ? undefined : n[k]; }, node);
    }

    function instantText(text) {
        var when = new Date(text);
        if (isNaN(when.getTime())) {
            return text;
        }
        var english = document.documentElement.lang === 'en';
        var day = new Intl.DateTimeFormat(english ? 'en-GB' : 'ja-JP', {timeZone: 'Asia/Tokyo', year: 'numeric',
            month: english ? 'short' : 'long', day: 'numeric'}).format(when);
        var time = new Intl.DateTimeFormat('en-GB', {timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit',
            hour12: false}).format(when);
        return day + ' ' + time;
    }

    // fills the slots of root itself; those of a row list belong to its rows
    function fillSlots(root, data, labels) {
        Array.prototype.forEach.call(root.querySelectorAll('[data-json-text]'), function (slot) {
            var rows = slot.closest('[data-json-rows]');
            if (slot.closest('template') || (rows && root.contains(rows) && rows !== root)) {
                return;
            }
            var value = valueAt(data, slot.getAttribute('data-json-text'));
            var dictionary = labels[slot.getAttribute('data-json-label')] || {};
            var text = value === undefined || value === null ? '' : String(value);
            if (dictionary[text] !== undefined) {
                text = dictionary[text];
            } else if (slot.getAttribute('data-json-format') === 'instant' && text) {
                text = instantText(text);
            }
            slot.textContent = text;
        });
    }

    function loadJsonSource(section) {
        var labels = {};
        var block = document.getElementById(section.getAttribute('data-labels') || '');
        if (block) {
            try {
                labels = JSON.parse(block.textContent);
            } catch (e) {
                labels = {};
            }
        }
        fetch(section.getAttribute('data-json-source'), {
            headers: {'Accept': 'application/json'}, credentials: 'same-origin'
        }).then(function (response) {
            if (!response.ok) {
                throw new Error(String(response.status));
            }
            return response.json();
        }).then(function (data) {
            Array.prototype.forEach.call(section.querySelectorAll('[data-json-rows]'), function (holder) {
                var template = holder.querySelector('template');
                var rows = valueAt(data, holder.getAttribute('data-json-rows')) || [];
                rows.forEach(function (row) {
                    var copy = template.content.cloneNode(true);
                    var wrapper = document.createElement('tbody');
                    wrapper.appendChild(copy);
                    fillSlots(wrapper, row, labels);
                    while (wrapper.firstChild) {
                        holder.appendChild(wrapper.firstChild);
                    }
                });
                var empty = section.querySelector('[data-json-empty="' + CSS.escape(holder.getAttribute('data-json-rows')) + '"]');
                if (empty) {
                    empty.hidden = rows.length > 0;
                }
            });
            fillSlots(section, data, labels);
            section.setAttribute('data-json-loaded', 'true');
        }).catch(function () {
            var failed = section.querySelector('[data-json-failed]');
            if (failed) {
                failed.hidden = false;
            }
            section.setAttribute('data-json-loaded', 'failed');
        }).then(function () {
            Array.prototype.forEach.call(section.querySelectorAll('[data-json-loading]'), function (el) {
                el.hidden = true;
            });
        });
    }

    // ---------------------------------------------------------------------------------------

    function start() {
        // delegated, so that forms that htmx swapped in later post as JSON too
        document.addEventListener('submit', function (event) {
            var form = event.target;
            if (form && form.matches && form.matches('form[data-json-form]')) {
                submitJson(form, event);
            }
        });
        Array.prototype.forEach.call(document.querySelectorAll('select[data-kind-chooser]'), function (select) {
            select.addEventListener('change', function () { chooseKind(select); });
            chooseKind(select);
        });
        Array.prototype.forEach.call(document.querySelectorAll('canvas[data-chart]'), drawChart);
        Array.prototype.forEach.call(document.querySelectorAll('[data-json-source]'), loadJsonSource);
        Array.prototype.forEach.call(document.querySelectorAll('form[data-confirm]:not([data-json-form])'), function (form) {
            form.addEventListener('submit', function (event) {
                if (!window.confirm(form.getAttribute('data-confirm'))) {
                    event.preventDefault();
                }
            });
        });
        document.body.addEventListener('htmx:configRequest', function (event) {
            var token = csrfToken();
            if (token) {
                event.detail.headers['X-CSRF-TOKEN'] = token;
            }
        });
        document.body.addEventListener('htmx:afterSwap', function (event) {
            Array.prototype.forEach.call(event.detail.target.querySelectorAll('canvas[data-chart]'), drawChart);
            Array.prototype.forEach.call(event.detail.target.querySelectorAll('[data-json-source]'), loadJsonSource);
        });
        document.documentElement.classList.add('js');
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }

    // for the browser tests and the curious: the form body a JSON form would send
    window.nimo = {formBody: formBody};
}());
