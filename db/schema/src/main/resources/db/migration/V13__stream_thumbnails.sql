-- The thumbnails option of a stream (the reference's 'thumbnails;'): a JPEG of each segment's
-- first keyframe, served at /NAME/preview.jpg. Off unless asked for.
ALTER TABLE streams
    ADD COLUMN thumbnails boolean NOT NULL DEFAULT false;
