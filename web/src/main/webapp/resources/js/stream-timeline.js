/*
 * The DVR timeline of the console's stream page: the recorded ranges of a window (7 days to
 * 1 minute) from /NAME/recording_status.json, gaps left empty; a range picked by dragging, by
 * clicking a recorded range or by typing it in; played in the page's player
 * (/NAME/index-FROM-DUR.m3u8) or exported as MP4 (/NAME/archive-FROM-DUR.mp4) with a progress bar.
 */
(function () {
    'use strict';
    var root = document.getElementById('timeline');
    if (!root) {
        return;
    }
    var name = root.dataset.name;
    var token = root.dataset.token || '';
    var ZOOMS = [604800, 86400, 21600, 3600, 600, 60];
    var MP4_LIMIT = 86400;          // the server exports at most 24 h as MP4
    var PLAY_LIMIT = 604800;        // and lists at most 7 days in a playlist
    var zoom = document.getElementById('zoom');
    var track = document.getElementById('track');
    var rangesBox = document.getElementById('ranges');
    var selectionBox = document.getElementById('selection');
    var axis = document.getElementById('axis');
    var status = document.getElementById('timelineState');
    var selFrom = document.getElementById('selFrom');
    var selDuration = document.getElementById('selDuration');
    var exportState = document.getElementById('exportState');
    var exportProgress = document.getElementById('exportProgress');
    var exportLink = document.getElementById('exportLink');

    var span = Number(zoom.value);
    var end = null;                 // null: the window ends now and follows the clock
    var selection = null;           // {from, to} in Unix seconds

    function now() {
        return Math.floor(Date.now() / 1000);
    }

    function windowEnd() {
        return end === null ? now() : end;
    }

    function withToken(url) {
        return token ? url + (url.indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(token) : url;
    }

    function pad(n) {
        return (n < 10 ? '0' : '') + n;
    }

    function label(t, withDate) {
        var d = new Date(t * 1000);
        var time = pad(d.getHours()) + ':' + pad(d.getMinutes()) + (span <= 3600 ? ':' + pad(d.getSeconds()) : '');
        return withDate ? d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + time : time;
    }

    function localInput(t) {
        var d = new Date(t * 1000);
        return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T'
            + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
    }

    function percent(t, from) {
        return Math.max(0, Math.min(100, (t - from) * 100 / span));
    }

    function drawAxis(from) {
        axis.textContent = '';
        for (var i = 0; i <= 4; i++) {
            var tick = document.createElement('span');
            tick.style.left = (i * 25) + '%';
            tick.textContent = label(from + span * i / 4, span > 86400 && i % 2 === 0);
            axis.appendChild(tick);
        }
    }

    function drawSelection() {
        var to = windowEnd();
        var from = to - span;
        if (!selection || selection.to <= from || selection.from >= to) {
            selectionBox.hidden = true;
            return;
        }
        selectionBox.hidden = false;
        selectionBox.style.left = percent(selection.from, from) + '%';
        selectionBox.style.width = Math.max(0.3, percent(selection.to, from) - percent(selection.from, from)) + '%';
    }

    function select(from, to) {
        from = Math.floor(from);
        to = Math.ceil(to);
        if (to <= from) {
            to = from + 1;
        }
        selection = {from: from, to: to};
        selFrom.value = localInput(from);
        selDuration.value = to - from;
        drawSelection();
    }

    var loads = 0;                  // only the newest answer is drawn (zooming fires several loads)

    function load() {
        var seq = ++loads;
        var to = windowEnd();
        var from = to - span;
        var url = '/' + name + '/recording_status.json?from=' + from + '&to=' + to + '&request=ranges';
        fetch(url, {cache: 'no-store'}).then(function (r) {
            if (!r.ok) {
                throw new Error('HTTP ' + r.status);
            }
            return r.json();
        }).then(function (body) {
            if (seq !== loads) {
                return;
            }
            var entry = Array.isArray(body) ? body[0] : null;
            var ranges = entry && entry.ranges ? entry.ranges : [];
            rangesBox.textContent = '';
            var recorded = 0;
            ranges.forEach(function (range, i) {
                var bar = document.createElement('div');
                bar.className = 'range';
                bar.style.left = percent(range.from, from) + '%';
                bar.style.width = Math.max(0.2, percent(range.from + range.duration, from) - percent(range.from, from)) + '%';
                bar.title = label(range.from, true) + ' – ' + label(range.from + range.duration, true) + ' (' + range.duration + ' s)';
                bar.dataset.from = range.from;
                bar.dataset.duration = range.duration;
                bar.addEventListener('click', function (e) {
                    e.stopPropagation();
                    select(Math.max(range.from, from), Math.min(range.from + range.duration, to));
                });
                rangesBox.appendChild(bar);
                recorded += range.duration;
                if (i > 0) { // the hole between two ranges, marked so that it reads as a gap
                    var prev = ranges[i - 1];
                    var gap = document.createElement('div');
                    gap.className = 'gap';
                    gap.style.left = percent(prev.from + prev.duration, from) + '%';
                    gap.style.width = Math.max(0.2, percent(range.from, from) - percent(prev.from + prev.duration, from)) + '%';
                    gap.title = 'Gap: ' + (range.from - prev.from - prev.duration) + ' s not recorded';
                    rangesBox.appendChild(gap);
                }
            });
            drawAxis(from);
            drawSelection();
            rangesBox.dataset.span = String(span); // drawn for this window (the tests wait for it)
            status.textContent = ranges.length + ' recorded range' + (ranges.length === 1 ? '' : 's') + ', '
                + recorded + ' s in this window' + (entry && entry.warning ? ' (ranges less than an hour apart merged)' : '');
        }).catch(function (e) {
            status.textContent = 'Recorded ranges unavailable: ' + e.message;
        });
    }

    function setSpan(s) {
        var centre = selection ? (selection.from + selection.to) / 2 : null;
        span = s;
        zoom.value = String(s);
        if (centre !== null && end !== null) {
            end = Math.min(now(), Math.round(centre + s / 2));
        }
        load();
    }

    zoom.addEventListener('change', function () {
        setSpan(Number(zoom.value));
    });
    document.getElementById('zoomIn').addEventListener('click', function () {
        var i = ZOOMS.indexOf(span);
        setSpan(ZOOMS[Math.min(ZOOMS.length - 1, i + 1)]);
    });
    document.getElementById('zoomOut').addEventListener('click', function () {
        var i = ZOOMS.indexOf(span);
        setSpan(ZOOMS[Math.max(0, i - 1)]);
    });
    document.getElementById('earlier').addEventListener('click', function () {
        end = windowEnd() - span / 2;
        load();
    });
    document.getElementById('later').addEventListener('click', function () {
        var next = windowEnd() + span / 2;
        end = next >= now() ? null : next;
        load();
    });
    document.getElementById('toNow').addEventListener('click', function () {
        end = null;
        load();
    });

    // Dragging over the track selects a range.
    var dragFrom = null;
    function timeAt(event) {
        var box = track.getBoundingClientRect();
        var x = Math.max(0, Math.min(box.width, event.clientX - box.left));
        return windowEnd() - span + span * x / box.width;
    }
    track.addEventListener('mousedown', function (e) {
        dragFrom = timeAt(e);
    });
    window.addEventListener('mousemove', function (e) {
        if (dragFrom !== null) {
            var t = timeAt(e);
            select(Math.min(dragFrom, t), Math.max(dragFrom, t));
        }
    });
    window.addEventListener('mouseup', function (e) {
        if (dragFrom !== null) {
            var t = timeAt(e);
            if (Math.abs(t - dragFrom) * 1000 / span > 2) { // a real drag, not a click
                select(Math.min(dragFrom, t), Math.max(dragFrom, t));
            }
            dragFrom = null;
        }
    });

    function typed() {
        var from = selFrom.value ? Math.floor(new Date(selFrom.value).getTime() / 1000) : NaN;
        var duration = Number(selDuration.value);
        if (!isFinite(from) || !(duration >= 1)) {
            return null;
        }
        selection = {from: from, to: from + Math.round(duration)};
        drawSelection();
        return selection;
    }
    selFrom.addEventListener('change', typed);
    selDuration.addEventListener('change', typed);

    document.getElementById('playRange').addEventListener('click', function () {
        var s = typed();
        if (!s) {
            status.textContent = 'Pick a range first: drag over the timeline, click a recorded range, or type it in.';
            return;
        }
        var duration = s.to - s.from;
        if (duration > PLAY_LIMIT) {
            status.textContent = 'A range plays up to 7 days at a time.';
            return;
        }
        window.OpenStreamerPlayer.play(withToken('/' + name + '/index-' + s.from + '-' + duration + '.m3u8'),
            'the archive from ' + label(s.from, true) + ' for ' + duration + ' s');
    });

    document.getElementById('exportMp4').addEventListener('click', function () {
        var s = typed();
        if (!s) {
            exportState.textContent = 'Pick a range first.';
            return;
        }
        var duration = s.to - s.from;
        if (duration > MP4_LIMIT) {
            exportState.textContent = 'An MP4 export covers at most 24 hours.';
            return;
        }
        var file = name.replace(/\//g, '_') + '-' + s.from + '-' + duration + '.mp4';
        var url = withToken('/' + name + '/archive-' + s.from + '-' + duration + '.mp4');
        exportProgress.hidden = false;
        exportProgress.removeAttribute('value'); // indeterminate while the server remuxes
        exportLink.hidden = true;
        exportState.textContent = 'Preparing the MP4 on the server…';
        fetch(url).then(function (r) {
            if (!r.ok) {
                return r.text().then(function (body) {
                    var why = body;
                    try {
                        why = JSON.parse(body).message || body;
                    } catch (ignored) { /* not JSON */ }
                    throw new Error('HTTP ' + r.status + ': ' + why);
                });
            }
            var total = Number(r.headers.get('Content-Length')) || 0;
            var reader = r.body.getReader();
            var chunks = [];
            var received = 0;
            function pump() {
                return reader.read().then(function (part) {
                    if (part.done) {
                        return new Blob(chunks, {type: 'video/mp4'});
                    }
                    chunks.push(part.value);
                    received += part.value.length;
                    if (total) {
                        exportProgress.max = total;
                        exportProgress.value = received;
                    }
                    exportState.textContent = 'Downloading: ' + Math.round(received / 1024) + ' KiB'
                        + (total ? ' of ' + Math.round(total / 1024) + ' KiB' : '');
                    return pump();
                });
            }
            return pump();
        }).then(function (blob) {
            if (exportLink.href) {
                URL.revokeObjectURL(exportLink.href);
            }
            exportLink.href = URL.createObjectURL(blob);
            exportLink.download = file;
            exportLink.hidden = false;
            exportLink.click();
            exportProgress.max = 100;
            exportProgress.value = 100;
            exportState.textContent = 'Saved ' + file + ' (' + Math.round(blob.size / 1024) + ' KiB).';
            exportState.dataset.bytes = blob.size;
        }).catch(function (e) {
            exportProgress.hidden = true;
            exportState.textContent = 'Export failed: ' + e.message;
        });
    });

    load();
    setInterval(function () {
        if (end === null) {
            load();
        }
    }, 10000);
})();
