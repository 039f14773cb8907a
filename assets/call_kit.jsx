// Pieces of a voice call screen, shared by every provider's call component:
// the timer, the mute toggle, the microphone level meter, the end-call button and the
// live transcript (speaker bubbles, consecutive messages of one speaker grouped, the
// interviewee's strongest expressed emotions). Plain React, no provider SDK.
import React, { useEffect, useMemo, useRef } from "react";

const SPEAKER_LABELS = { interviewer: "Interviewer", interviewee: "You" };

export function CallTimer({ value }) {
  return (
    <span
      data-testid="call-timer"
      style={{ fontVariantNumeric: "tabular-nums", fontWeight: 600, fontSize: "1.1em" }}
    >
      {value || "00:00:00"}
    </span>
  );
}

export function MuteToggle({ muted, onToggle, disabled }) {
  return (
    <button
      type="button"
      data-testid="mute-toggle"
      aria-pressed={muted}
      disabled={disabled}
      onClick={onToggle}
      style={buttonStyle(muted ? "var(--amber-9)" : "var(--gray-a4)", muted ? "white" : "inherit")}
    >
      {muted ? "Unmute" : "Mute"}
    </button>
  );
}

export function EndCallButton({ onEnd, disabled }) {
  return (
    <button
      type="button"
      data-testid="end-call"
      disabled={disabled}
      onClick={onEnd}
      style={buttonStyle("var(--red-9)", "white")}
    >
      End call
    </button>
  );
}

// `level` is 0..1; the bar has role "meter" so assistive technology can read it.
export function LevelMeter({ level }) {
  const clamped = Math.max(0, Math.min(1, Number.isFinite(level) ? level : 0));
  return (
    <div
      data-testid="mic-level"
      role="meter"
      aria-label="Microphone level"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(clamped * 100)}
      style={{
        width: "8em",
        height: "0.6em",
        borderRadius: "999px",
        background: "var(--gray-a4)",
        overflow: "hidden",
      }}
    >
      <div
        style={{
          width: `${Math.round(clamped * 100)}%`,
          height: "100%",
          background: "var(--green-9)",
          transition: "width 80ms linear",
        }}
      />
    </div>
  );
}

// Average of an FFT (0..1 per bin) as a level; speech fills few bins, so it is scaled up.
export function levelFromFft(fft) {
  if (!fft || fft.length === 0) return 0;
  const sum = fft.reduce((total, value) => total + (Number(value) || 0), 0);
  return Math.min(1, (sum / fft.length) * 4);
}

export function groupMessages(messages) {
  const groups = [];
  for (const message of messages) {
    const last = groups[groups.length - 1];
    if (last && last.speaker === message.speaker) last.messages.push(message);
    else groups.push({ speaker: message.speaker, messages: [message] });
  }
  return groups;
}

// An emotion arrives as a label the server formatted ("Interest 60%", a stored transcript)
// or as a [name, score] pair (a call under way).
function emotionLabel(emotion) {
  return typeof emotion === "string" ? emotion : `${emotion[0]} ${Math.round(emotion[1] * 100)}%`;
}

function EmotionList({ emotions }) {
  if (!emotions || emotions.length === 0) return null;
  return (
    <div className="transcript-emotions">
      {emotions.map(emotionLabel).map((label) => (
        <span key={label} data-testid="transcript-emotion" className="transcript-emotion">
          {label}
        </span>
      ))}
    </div>
  );
}

// messages: [{id, speaker: "interviewer" | "interviewee", text, at?, emotions: [[name, score]]}]
// `live` keeps the newest message in view inside a scrolling box (a call under way);
// otherwise the whole transcript is laid out on the page (a finished interview). The
// styles are the `transcript-*` classes of assets/app.css.
export function LiveTranscript({ messages, live = true }) {
  const end = useRef(null);
  useEffect(() => {
    if (live && end.current) end.current.scrollIntoView({ block: "nearest" });
  }, [live, messages.length]);
  return (
    <div
      data-testid={live ? "live-transcript" : "transcript"}
      className={live ? "transcript transcript-live" : "transcript transcript-stored"}
    >
      {groupMessages(messages).map((group, index) => (
        <div
          key={index}
          className={
            group.speaker === "interviewee"
              ? "transcript-row transcript-row-interviewee"
              : "transcript-row"
          }
        >
          <div data-testid="transcript-group" className="transcript-bubble">
            <div className="transcript-head">
              {SPEAKER_LABELS[group.speaker] || group.speaker}
              {group.messages[0].at ? (
                <span className="transcript-at">{group.messages[0].at}</span>
              ) : null}
            </div>
            {group.messages.map((message, position) => (
              <div
                key={message.id || position}
                data-testid="transcript-message"
                data-speaker={message.speaker}
                className="transcript-message"
              >
                {message.text}
                {message.speaker === "interviewee" ? <EmotionList emotions={message.emotions} /> : null}
              </div>
            ))}
          </div>
        </div>
      ))}
      <div ref={end} />
    </div>
  );
}

// A finished interview's stored transcript in its compact form, one array per message:
// [speaker, at, text, emotion labels] (see components/transcript.py).
export function StoredTranscript({ rows }) {
  const messages = useMemo(
    () =>
      (rows || []).map(([speaker, at, text, emotions], index) => ({
        id: index,
        speaker,
        at,
        text,
        emotions,
      })),
    [rows],
  );
  return <LiveTranscript messages={messages} live={false} />;
}

export function CallError({ message }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      data-testid="call-error"
      style={{
        padding: "0.8em 1em",
        borderRadius: "0.5em",
        background: "var(--red-a3)",
        color: "var(--red-11)",
        width: "100%",
      }}
    >
      {message}
    </div>
  );
}

export function CallControls({ timer, level, muted, onToggleMute, onEnd, active }) {
  return (
    <div
      style={{ display: "flex", alignItems: "center", gap: "1em", flexWrap: "wrap", width: "100%" }}
    >
      <CallTimer value={timer} />
      <LevelMeter level={level} />
      <div style={{ flex: 1 }} />
      <MuteToggle muted={muted} onToggle={onToggleMute} disabled={!active} />
      <EndCallButton onEnd={onEnd} disabled={!active} />
    </div>
  );
}

function buttonStyle(background, color) {
  return {
    padding: "0.5em 1.1em",
    borderRadius: "0.4em",
    border: "none",
    background,
    color,
    fontWeight: 600,
    cursor: "pointer",
  };
}
