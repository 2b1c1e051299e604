-- Whether registering for a hunt needs its join code; the code itself never reaches this side.
ALTER TABLE hunt_summary ADD COLUMN join_code_required BOOLEAN NOT NULL DEFAULT false;

-- Minutes in which a clue drew wrong answers at an abnormal rate (WrongAnswersSurged), for staff.
ALTER TABLE hunt_clue ADD COLUMN wrong_answer_surges       INTEGER NOT NULL DEFAULT 0;
ALTER TABLE hunt_clue ADD COLUMN peak_wrong_per_minute     INTEGER;
ALTER TABLE hunt_clue ADD COLUMN last_wrong_answer_surge_at TIMESTAMPTZ;
