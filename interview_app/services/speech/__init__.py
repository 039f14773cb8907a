"""Speech: spoken answers recognised on our server, and their delivery from word timings.

`words` holds the recognised words and their delivery (pure); `recognizer` runs
faster-whisper in a bounded pool; `recordings` stores each recognised answer, owner-checked,
until the practice saves it with the answer.
"""
