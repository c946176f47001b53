-- DRM: SAMPLE-AES (Apple's sample encryption of H.264 slices and AAC frames inside MPEG-TS) beside
-- whole-segment AES-128; the keys, their rotation and the key server are the same for both.
ALTER TABLE stream_drm DROP CONSTRAINT stream_drm_method_check;
ALTER TABLE stream_drm ADD CONSTRAINT stream_drm_method_check CHECK (method IN ('aes128', 'sample_aes'));
