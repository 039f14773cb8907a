// The Gemini Live call screen: a small hand-written client of the constrained Live socket.
// The server mints a single-use, fully locked token per connection (POST sessionUrl); the
// browser captures the microphone with an AudioWorklet (16 kHz PCM16), plays the model's
// 24 kHz audio gaplessly on one schedule, stops it on `interrupted` (barge-in), shows both
// transcriptions with their times, and reconnects with the latest resumption handle on
// `goAway` or a dropped connection. The transcript is handed to the app at the end.
import { useEffect, useRef, useState } from "react";

const INPUT_MIME = "audio/pcm;rate=16000";
const OUTPUT_RATE = 24000;
const PLAYBACK_LEAD_SECONDS = 0.05;
const DURATION_REPORT_MS = 10000;
// How long to wait for the interviewer's first audio, unless the session says otherwise.
const NO_ANSWER_MS = 20000;
const MAX_RECONNECTS = 5;
const VOICE_LEVEL = 0.02;
const KICKOFF = "The candidate has joined the call. Please begin the interview.";

const MESSAGES = {
  microphone: "Microphone access was refused. Allow the microphone for this site in your browser, then start a new interview.",
  noMicrophone: "No microphone was found. Connect one, then start a new interview.",
  audio: "This browser cannot run the call's audio. Please use a recent Chrome, Edge, Firefox or Safari.",
  refused: "The voice service refused the session. Please try again in a moment.",
  dropped: "The connection to the voice service was lost and could not be restored.",
  noAnswer: "The interviewer did not answer. Please try again in a moment.",
  network: "The app could not be reached. Check your connection and try again.",
};

// An AudioContext needs a user gesture: create it in the click on "start interview" (capture
// phase, before the app's own handler), and hand it to the call screen once it mounts.
let preparedContext = null;

function newAudioContext() {
  const Context = window.AudioContext || window.webkitAudioContext;
  return Context ? new Context() : null;
}

if (typeof document !== "undefined") {
  document.addEventListener(
    "click",
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (!target || !target.closest('[data-testid="start-interview"]')) return;
      if (preparedContext && preparedContext.state !== "closed") return;
      preparedContext = newAudioContext();
      const context = preparedContext;
      // Nobody claimed it (another provider's call, or a refusal): let it go.
      setTimeout(() => {
        if (preparedContext === context) {
          preparedContext = null;
          context.close();
        }
      }, 30000);
    },
    true,
  );
}

function claimAudioContext() {
  const context = preparedContext && preparedContext.state !== "closed" ? preparedContext : newAudioContext();
  preparedContext = null;
  return context;
}

function bytesToBase64(bytes) {
  let binary = "";
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

function base64ToBytes(text) {
  const standard = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(standard + "=".repeat((4 - (standard.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function clock(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const pad = (value) => String(value).padStart(2, "0");
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

function messageTime(ms) {
  return clock(ms).slice(3);
}

class LiveCall {
  constructor({ interviewId, sessionUrl, workletUrl, onChange, onStarted, onProgress, onEnd }) {
    Object.assign(this, { interviewId, sessionUrl, workletUrl, onChange, onStarted, onProgress, onEnd });
    this.savedSignature = "";
    this.status = "connecting";
    this.error = "";
    this.transcript = [];
    this.muted = false;
    this.level = 0;
    this.active = null;
    this.pending = null;
    this.handle = null;
    this.everSetUp = false;
    this.reconnecting = false;
    this.reconnects = 0;
    this.connections = 0;
    this.finished = false;
    this.nextTime = 0;
    this.queued = new Set();
    this.scheduledSamples = 0;
    // Scheduled samples that never played because the model was interrupted (barge-in).
    this.cutSamples = 0;
    this.sentChunks = 0;
    this.turnMessage = null;
    this.answerOnset = null;
    this.timers = [];
    this.noAnswerMs = NO_ANSWER_MS;
  }

  nowMs() {
    return this.startedAt === undefined ? 0 : performance.now() - this.startedAt;
  }

  changed() {
    this.onChange({
      status: this.status,
      error: this.error,
      transcript: this.transcript.map((message) => ({ ...message })),
      muted: this.muted,
      level: this.level,
      elapsed: this.nowMs(),
      scheduledSamples: this.scheduledSamples,
      cutSamples: this.cutSamples,
      sentChunks: this.sentChunks,
      connections: this.connections,
      noAnswerMs: this.noAnswerMs,
    });
  }

  async start() {
    this.context = claimAudioContext();
    if (!this.context || !this.context.audioWorklet) return this.fail(MESSAGES.audio);
    this.context.resume();
    this.output = this.context.createGain();
    this.output.connect(this.context.destination);
    const session = this.fetchSession(null);
    const worklet = this.context.audioWorklet.addModule(this.workletUrl);
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      });
    } catch (error) {
      session.catch(() => {});
      const missing = error && (error.name === "NotFoundError" || error.name === "OverconstrainedError");
      return this.fail(missing ? MESSAGES.noMicrophone : MESSAGES.microphone);
    }
    if (this.finished) return this.stopStream();
    try {
      await worklet;
    } catch (error) {
      session.catch(() => {});
      return this.fail(MESSAGES.audio);
    }
    // Unmounted meanwhile (React's development mode mounts twice): stop here.
    if (this.finished) return this.stopStream();
    this.startCapture();
    let live;
    try {
      live = await session;
    } catch (error) {
      return this.fail(error.message || MESSAGES.refused);
    }
    if (Number(live.no_answer_ms) > 0) this.noAnswerMs = Number(live.no_answer_ms);
    if (!this.finished) this.pending = this.openSocket(live);
  }

  async fetchSession(handle) {
    let response;
    try {
      response = await fetch(this.sessionUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ interview_id: this.interviewId, resumption_handle: handle }),
      });
    } catch (error) {
      throw new Error(MESSAGES.network);
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok || !body.token) throw new Error(body.error || MESSAGES.refused);
    return body;
  }

  startCapture() {
    const source = this.context.createMediaStreamSource(this.stream);
    this.capture = new AudioWorkletNode(this.context, "pcm-capture-16k");
    this.capture.port.onmessage = (event) => this.onChunk(event.data);
    // A silent sink keeps the worklet pulled by the graph without echoing the microphone.
    this.sink = this.context.createGain();
    this.sink.gain.value = 0;
    source.connect(this.capture);
    this.capture.connect(this.sink);
    this.sink.connect(this.context.destination);
    this.source = source;
  }

  onChunk({ pcm, rms }) {
    this.level = this.muted ? 0 : rms;
    // While the interviewer's audio plays, the microphone may hear it: an answer starts after.
    const playing = this.context.currentTime < this.nextTime;
    if (this.startedAt !== undefined && rms > VOICE_LEVEL && this.answerOnset === null && !this.muted && !playing) {
      this.answerOnset = this.nowMs();
    }
    const socket = this.active;
    if (!socket || socket.readyState !== WebSocket.OPEN || this.muted) return;
    socket.send(JSON.stringify({ realtimeInput: { audio: { data: bytesToBase64(new Uint8Array(pcm)), mimeType: INPUT_MIME } } }));
    if (this.sentChunks === 0) performance.mark("gemini-live-first-audio-chunk");
    this.sentChunks += 1;
    if (this.sentChunks % 5 === 0) this.changed();
  }

  openSocket(live) {
    const url = `${live.socket_url}?access_token=${encodeURIComponent(live.token)}`;
    const socket = new WebSocket(url);
    socket.binaryType = "arraybuffer";
    socket.onopen = () => socket.send(JSON.stringify({ setup: live.setup }));
    socket.onmessage = (event) => {
      const text = typeof event.data === "string" ? event.data : new TextDecoder().decode(event.data);
      let message;
      try {
        message = JSON.parse(text);
      } catch (error) {
        return;
      }
      this.onMessage(socket, message);
    };
    socket.onclose = () => this.onClose(socket);
    return socket;
  }

  onMessage(socket, message) {
    if (this.finished) return;
    if (message.setupComplete) this.onSetUp(socket);
    const update = message.sessionResumptionUpdate;
    if (update && update.newHandle && update.resumable !== false) this.handle = update.newHandle;
    if (message.goAway && socket === this.active) this.reconnect();
    const content = message.serverContent;
    if (!content) return;
    if (content.interrupted) this.stopPlayback();
    if (content.inputTranscription && content.inputTranscription.text) this.heard(content.inputTranscription.text);
    if (content.outputTranscription && content.outputTranscription.text) this.said(content.outputTranscription.text, null);
    const parts = (content.modelTurn && content.modelTurn.parts) || [];
    for (const part of parts) {
      const data = part.inlineData;
      if (data && data.data && String(data.mimeType || "").startsWith("audio/pcm")) {
        const rate = Number((/rate=(\d+)/.exec(data.mimeType) || [])[1]) || OUTPUT_RATE;
        this.play(base64ToBytes(data.data), rate);
      }
    }
    if (content.turnComplete || content.interrupted) {
      this.turnMessage = null;
      this.answerOnset = null;
    }
    this.changed();
  }

  onSetUp(socket) {
    if (socket !== this.pending) return;
    const previous = this.active;
    this.active = socket;
    this.pending = null;
    this.reconnecting = false;
    this.connections += 1;
    if (previous) previous.close(1000);
    if (!this.everSetUp) {
      this.everSetUp = true;
      this.startedAt = performance.now();
      this.contextStart = this.context.currentTime;
      this.status = "live";
      this.onStarted();
      socket.send(JSON.stringify({ clientContent: { turns: [{ role: "user", parts: [{ text: KICKOFF }] }], turnComplete: true } }));
      this.timers.push(setInterval(() => this.onProgress(this.progress()), DURATION_REPORT_MS));
      this.timers.push(setInterval(() => this.changed(), 500));
      this.timers.push(setTimeout(() => this.scheduledSamples === 0 && this.fail(MESSAGES.noAnswer), this.noAnswerMs));
    } else {
      this.status = "live";
    }
    this.changed();
  }

  heard(text) {
    const last = this.transcript[this.transcript.length - 1];
    const now = this.nowMs();
    if (last && last.speaker === "interviewee" && !this.turnMessage) {
      last.text += text;
      last.end_ms = Math.max(last.end_ms, now);
      return;
    }
    const spoken = this.transcript.filter((message) => message.speaker === "interviewer");
    const interviewerEnd = spoken.length ? spoken[spoken.length - 1].end_ms : 0;
    const onset = Math.min(this.answerOnset === null ? now : this.answerOnset, now);
    const start = Math.max(onset, Math.min(interviewerEnd, now));
    this.transcript.push({ speaker: "interviewee", text, start_ms: Math.round(start), end_ms: Math.round(now) });
    this.answerOnset = null;
  }

  // The interviewer's words arrive before the audio that speaks them: a message is timed by
  // the playback schedule once its audio is scheduled, by its arrival only until then.
  said(text, atMs) {
    if (!this.turnMessage) {
      const start = Math.round(atMs === null ? this.nowMs() : atMs);
      this.turnMessage = { speaker: "interviewer", text: "", start_ms: start, end_ms: start, timed: atMs !== null };
      this.transcript.push(this.turnMessage);
    }
    this.turnMessage.text += text;
  }

  play(bytes, rate) {
    const samples = bytes.length >> 1;
    if (!samples) return;
    const view = new DataView(bytes.buffer, bytes.byteOffset, samples * 2);
    const buffer = this.context.createBuffer(1, samples, rate);
    const channel = buffer.getChannelData(0);
    for (let index = 0; index < samples; index++) channel[index] = view.getInt16(index * 2, true) / 32768;
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.output);
    const when = Math.max(this.nextTime, this.context.currentTime + PLAYBACK_LEAD_SECONDS);
    source.start(when);
    source.startsAt = when;
    source.endsAt = when + buffer.duration;
    this.nextTime = when + buffer.duration;
    this.queued.add(source);
    source.onended = () => this.queued.delete(source);
    this.scheduledSamples += samples;
    const startMs = (when - this.contextStart) * 1000;
    if (!this.turnMessage) this.said("", startMs);
    if (!this.turnMessage.timed) {
      this.turnMessage.start_ms = Math.round(startMs);
      this.turnMessage.timed = true;
    }
    this.turnMessage.end_ms = Math.round((this.nextTime - this.contextStart) * 1000);
  }

  stopPlayback() {
    const now = this.context ? this.context.currentTime : 0;
    for (const source of this.queued) {
      const unplayed = Math.min(source.buffer.duration, source.endsAt - Math.max(now, source.startsAt));
      if (unplayed > 0) this.cutSamples += Math.round(unplayed * source.buffer.sampleRate);
      try {
        source.stop();
      } catch (error) {
        // Already stopped.
      }
    }
    this.queued.clear();
    this.nextTime = 0;
    const message = this.turnMessage;
    if (message) message.end_ms = Math.max(message.start_ms, Math.min(message.end_ms, Math.round(this.nowMs())));
  }

  async reconnect() {
    if (this.reconnecting || this.finished) return;
    if (!this.handle || this.reconnects >= MAX_RECONNECTS) return this.fail(MESSAGES.dropped);
    this.reconnecting = true;
    this.reconnects += 1;
    this.status = "reconnecting";
    this.changed();
    try {
      const live = await this.fetchSession(this.handle);
      if (!this.finished) this.pending = this.openSocket(live);
    } catch (error) {
      this.fail(error.message || MESSAGES.dropped);
    }
  }

  onClose(socket) {
    if (this.finished) return;
    if (socket === this.pending) {
      this.pending = null;
      this.reconnecting = false;
      return this.fail(this.everSetUp ? MESSAGES.dropped : MESSAGES.refused);
    }
    if (socket === this.active) {
      this.active = null;
      this.reconnect();
    }
  }

  setMuted(muted) {
    this.muted = muted;
    if (this.stream) for (const track of this.stream.getAudioTracks()) track.enabled = !muted;
    const socket = this.active;
    if (muted && socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ realtimeInput: { audioStreamEnd: true } }));
    }
    this.changed();
  }

  stopStream() {
    if (this.stream) for (const track of this.stream.getTracks()) track.stop();
  }

  teardown() {
    this.finished = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const socket of [this.active, this.pending]) if (socket) socket.close(1000);
    this.active = this.pending = null;
    this.stopPlayback();
    this.stopStream();
    if (this.capture) this.capture.port.onmessage = null;
    if (this.context && this.context.state !== "closed") this.context.close();
  }

  report() {
    return {
      transcript: this.transcript
        .filter((message) => message.text.trim())
        .map(({ speaker, text, start_ms, end_ms }) => ({ speaker, text: text.trim(), start_ms, end_ms: Math.max(start_ms, end_ms) })),
      duration: clock(this.nowMs()),
    };
  }

  // The duration, and the transcript whenever it changed since the last report: the server
  // keeps it, so a worker lost at the end of the call loses at most these last seconds.
  progress() {
    const report = this.report();
    const signature = report.transcript.map((message) => message.text.length).join(",");
    if (!report.transcript.length || signature === this.savedSignature) return { duration: report.duration };
    this.savedSignature = signature;
    return report;
  }

  end() {
    if (this.finished) return;
    const report = this.report();
    this.teardown();
    this.status = "ended";
    this.changed();
    this.onEnd({ kind: "finished", ...report });
  }

  fail(message) {
    if (this.finished) return;
    const report = this.report();
    this.teardown();
    this.status = "failed";
    this.error = message;
    this.changed();
    this.onEnd({ kind: "failed", message, ...report });
  }
}

const styles = {
  panel: { display: "flex", flexDirection: "column", gap: "16px", width: "100%" },
  bar: { display: "flex", alignItems: "center", gap: "12px", flexWrap: "wrap", padding: "12px 16px", borderRadius: "var(--radius-4, 8px)", background: "var(--gray-a3, #f0f0f3)" },
  timer: { fontVariantNumeric: "tabular-nums", fontWeight: 600, fontSize: "18px" },
  status: { color: "var(--gray-11, #60646c)", fontSize: "14px", flexGrow: 1 },
  meter: { width: "96px", height: "8px", borderRadius: "4px", background: "var(--gray-a5, #d9d9e0)", overflow: "hidden" },
  button: { border: "none", borderRadius: "var(--radius-3, 6px)", padding: "8px 14px", fontSize: "14px", fontWeight: 500, cursor: "pointer" },
  error: { padding: "12px 16px", borderRadius: "var(--radius-3, 6px)", background: "var(--red-a3, #feebec)", color: "var(--red-11, #ce2c31)" },
  list: { display: "flex", flexDirection: "column", gap: "8px" },
  time: { fontSize: "12px", color: "var(--gray-10, #80838d)", marginRight: "8px", fontVariantNumeric: "tabular-nums" },
};

function bubble(speaker) {
  const mine = speaker === "interviewee";
  return {
    alignSelf: mine ? "flex-end" : "flex-start",
    maxWidth: "80%",
    padding: "8px 12px",
    borderRadius: "12px",
    background: mine ? "var(--accent-a4, #e1e9ff)" : "var(--gray-a3, #f0f0f3)",
  };
}

const STATUS_TEXT = {
  connecting: "Connecting to the interviewer…",
  live: "Live: speak whenever you are ready.",
  reconnecting: "Reconnecting…",
  ended: "Call ended. Saving the transcript…",
  unsaved: "Call ended. The transcript is not saved yet.",
  failed: "The call stopped.",
};

// `saveError` is the app's answer when it could not store the transcript of a finished call:
// the transcript stays on screen and "Send again" hands the same report to `onFinished`.
export function GeminiLiveCall({ interviewId, sessionUrl, workletUrl, saveError, saving, onSessionStarted, onProgress, onFinished, onFailed }) {
  const [view, setView] = useState({ status: "connecting", error: "", transcript: [], muted: false, level: 0, elapsed: 0, scheduledSamples: 0, cutSamples: 0, sentChunks: 0, connections: 0, noAnswerMs: NO_ANSWER_MS });
  const callbacks = useRef({});
  callbacks.current = { onSessionStarted, onProgress, onFinished, onFailed };
  const callRef = useRef(null);
  const finishedReport = useRef(null);

  useEffect(() => {
    const call = new LiveCall({
      interviewId,
      sessionUrl,
      workletUrl,
      onChange: setView,
      onStarted: () => callbacks.current.onSessionStarted && callbacks.current.onSessionStarted(),
      onProgress: (progress) => callbacks.current.onProgress && callbacks.current.onProgress(progress),
      onEnd: (result) => {
        if (result.kind === "finished") finishedReport.current = result;
        const handler = result.kind === "finished" ? callbacks.current.onFinished : callbacks.current.onFailed;
        if (handler) handler(result);
      },
    });
    callRef.current = call;
    call.start();
    return () => call.teardown();
  }, [interviewId, sessionUrl, workletUrl]);

  const running = view.status === "live" || view.status === "reconnecting" || view.status === "connecting";
  const level = Math.min(100, Math.round(Math.sqrt(view.level) * 200));
  const unsaved = view.status === "ended" && Boolean(saveError) && Boolean(finishedReport.current);
  const sendAgain = () => {
    const handler = callbacks.current.onFinished;
    if (handler && finishedReport.current) handler(finishedReport.current);
  };
  return (
    <div style={styles.panel} data-testid="gemini-call" data-status={view.status} data-scheduled-samples={view.scheduledSamples} data-cut-samples={view.cutSamples} data-sent-chunks={view.sentChunks} data-connections={view.connections} data-no-answer-ms={view.noAnswerMs}>
      <div style={styles.bar}>
        <span style={styles.timer} data-testid="call-timer">{clock(view.elapsed)}</span>
        <span style={styles.status} data-testid="call-status">{STATUS_TEXT[unsaved ? "unsaved" : view.status]}</span>
        <div style={styles.meter} data-testid="mic-level" role="meter" aria-label="Microphone level" aria-valuemin={0} aria-valuemax={100} aria-valuenow={level}>
          <div style={{ width: `${level}%`, height: "100%", background: "var(--accent-9, #3e63dd)", transition: "width 80ms linear" }} />
        </div>
        <button type="button" style={{ ...styles.button, background: "var(--gray-a4, #e8e8ec)" }} data-testid="mute-toggle" aria-pressed={view.muted} disabled={!running} onClick={() => callRef.current && callRef.current.setMuted(!view.muted)}>
          {view.muted ? "Unmute" : "Mute"}
        </button>
        <button type="button" style={{ ...styles.button, background: "var(--red-9, #e5484d)", color: "white" }} data-testid="end-call" disabled={!running} onClick={() => callRef.current && callRef.current.end()}>
          End call
        </button>
      </div>
      {view.error ? (
        <div style={styles.error} role="alert" data-testid="call-error">
          {view.error}
        </div>
      ) : null}
      {unsaved ? (
        <div style={{ ...styles.error, display: "flex", alignItems: "center", gap: "12px", flexWrap: "wrap" }} role="alert" data-testid="save-error">
          <span style={{ flexGrow: 1 }}>{saveError}</span>
          <button type="button" style={{ ...styles.button, background: "var(--accent-9, #3e63dd)", color: "white" }} data-testid="retry-save-transcript" disabled={Boolean(saving)} onClick={sendAgain}>
            {saving ? "Sending…" : "Send the transcript again"}
          </button>
        </div>
      ) : null}
      <div style={styles.list} aria-live="polite" data-testid="live-transcript">
        {view.transcript.filter((message) => message.text).map((message, index) => (
          <div key={index} style={bubble(message.speaker)} data-testid="transcript-message" data-speaker={message.speaker} data-start-ms={message.start_ms}>
            <span style={styles.time}>{messageTime(message.start_ms)}</span>
            {message.text}
          </div>
        ))}
      </div>
    </div>
  );
}
