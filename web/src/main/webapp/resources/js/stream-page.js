/*
 * The console's stream page: the preview player (hls.js, bundled in the WAR), the copy buttons and
 * the thumbnail. window.OpenStreamerPlayer lets the DVR timeline switch the player to a range.
 */
(function () {
    'use strict';
    var video = document.getElementById('player');
    var state = document.getElementById('playerState');
    var hls = null;

    function say(text) {
        if (state) {
            state.textContent = text;
        }
    }

    function play(url, label) {
        if (!video) {
            return;
        }
        if (hls) {
            hls.destroy();
            hls = null;
        }
        video.dataset.playing = url;
        if (window.Hls && window.Hls.isSupported()) {
            hls = new window.Hls({lowLatencyMode: false, liveSyncDurationCount: 2});
            hls.on(window.Hls.Events.ERROR, function (event, data) {
                if (data.fatal) {
                    var status = data.response && data.response.code ? ' (HTTP ' + data.response.code + ')' : '';
                    say('Cannot play ' + label + ': ' + data.details + status + '. Retrying in 5 s.');
                    setTimeout(function () {
                        if (video.dataset.playing === url) {
                            play(url, label);
                        }
                    }, 5000);
                }
            });
            hls.on(window.Hls.Events.MANIFEST_PARSED, function () {
                say('Playing ' + label + '.');
                video.play().catch(function () { /* autoplay refused: the controls remain */ });
            });
            hls.loadSource(url);
            hls.attachMedia(video);
        } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
            video.src = url;
            say('Playing ' + label + '.');
        } else {
            say('This browser cannot play HLS.');
        }
    }

    function playLive() {
        if (video) {
            play(video.dataset.live, 'live');
        }
    }

    window.OpenStreamerPlayer = {play: play, playLive: playLive};
    var liveButton = document.getElementById('playLive');
    if (liveButton) {
        liveButton.addEventListener('click', playLive);
    }
    playLive();

    // Copy buttons: the clipboard API needs a secure context; selecting and copying works elsewhere.
    document.querySelectorAll('button.copy').forEach(function (button) {
        button.addEventListener('click', function () {
            var field = document.getElementById(button.dataset.copy);
            field.select();
            var done = function () {
                button.textContent = 'Copied';
                setTimeout(function () { button.textContent = 'Copy'; }, 1500);
            };
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(field.value).then(done, function () {
                    document.execCommand('copy');
                    done();
                });
            } else {
                document.execCommand('copy');
                done();
            }
        });
    });

    var thumb = document.getElementById('thumbnail');
    if (thumb) {
        var thumbState = document.getElementById('thumbnailState');
        thumb.addEventListener('error', function () {
            thumb.style.visibility = 'hidden';
            thumbState.textContent = 'No thumbnail yet (the stream is not live, or its first segment is not closed).';
        });
        thumb.addEventListener('load', function () {
            thumb.style.visibility = 'visible';
            thumbState.textContent = 'Thumbnail (preview.jpg), refreshed every 4 s';
        });
        var refresh = function () {
            thumb.src = thumb.dataset.src + '?t=' + Date.now();
        };
        refresh();
        setInterval(refresh, 4000);
    }
})();
