// The call screen of a Hume EVI interview: @humeai/voice-react with a server-minted token.
// The token comes from our own route (the session cookie says who asks, the server checks
// the interview is theirs) and lives only in this component's memory. The audio worklet is
// off, so nothing is loaded from a third-party host.
import React, { useEffect, useRef, useState } from "react";
import { VoiceProvider, useVoice } from "@humeai/voice-react";
import { CallControls, CallError, LiveTranscript, levelFromFft } from "$/public/call_kit.jsx";

const DURATION_SAVE_MS = 10000;

function errorMessage(error) {
  if (!error) return "";
  if (error.type === "mic_error") {
    return "We could not use your microphone. Allow microphone access for this site in your browser, then start a new interview.";
  }
  if (error.type === "audio_error") {
    return "Your browser could not play the interviewer's voice. Please try another browser.";
  }
  return "The connection to the voice service failed. Please start a new interview in a moment.";
}

function emotionName(key) {
  // The SDK may hand scores over camelCased ("surprisePositive") or as Hume names them.
  if (/\s|\(/.test(key) || /^[A-Z]/.test(key)) return key;
  return key.replace(/([A-Z])/g, " $1").replace(/^./, (first) => first.toUpperCase());
}

function topEmotions(scores) {
  if (!scores || typeof scores !== "object") return [];
  return Object.entries(scores)
    .filter(([, value]) => typeof value === "number")
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, value]) => [emotionName(name), value]);
}

function transcriptOf(messages) {
  const result = [];
  messages.forEach((message, index) => {
    if (message.type !== "user_message" && message.type !== "assistant_message") return;
    if (message.interim) return;
    const text = message.message && message.message.content;
    if (!text) return;
    const speaker = message.type === "user_message" ? "interviewee" : "interviewer";
    const scores = message.models && message.models.prosody && message.models.prosody.scores;
    result.push({
      id: `${index}`,
      speaker,
      text,
      emotions: speaker === "interviewee" ? topEmotions(scores) : [],
    });
  });
  return result;
}

function HumeCallScreen({ startUrl, onChatId, onDuration, onEnded }) {
  const voice = useVoice();
  const [failure, setFailure] = useState("");
  const started = useRef(false);
  const connected = useRef(false);
  const duration = useRef("00:00:00");
  const reportedChatId = useRef("");

  if (voice.callDurationTimestamp) duration.current = voice.callDurationTimestamp;

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    (async () => {
      const response = await fetch(startUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        setFailure(body.message || "The voice call could not be started. Please try again.");
        return;
      }
      await voice.connect({
        auth: { type: "accessToken", value: body.accessToken },
        hostname: body.hostname,
        configId: body.configId || undefined,
        sessionSettings: { type: "session_settings", variables: body.variables },
      });
    })().catch(() => {
      setFailure((current) => current || errorMessage({ type: "socket_error" }));
    });
  }, []);

  const chatId = voice.chatMetadata && voice.chatMetadata.chatId;
  useEffect(() => {
    if (chatId && chatId !== reportedChatId.current) {
      reportedChatId.current = chatId;
      onChatId(chatId);
    }
  }, [chatId]);

  const status = voice.status.value;
  useEffect(() => {
    if (status === "connected") {
      connected.current = true;
      const timer = setInterval(() => onDuration(duration.current), DURATION_SAVE_MS);
      return () => clearInterval(timer);
    }
    if ((status === "disconnected" || status === "error") && connected.current) {
      connected.current = false;
      onEnded(duration.current);
    }
    return undefined;
  }, [status]);

  useEffect(() => {
    if (voice.error) setFailure(errorMessage(voice.error));
  }, [voice.error]);

  const active = status === "connected";
  return (
    <div
      data-testid="hume-call"
      data-status={status}
      style={{ display: "flex", flexDirection: "column", gap: "1em", width: "100%" }}
    >
      <CallError message={failure} />
      {!failure && status !== "connected" ? (
        <div data-testid="call-connecting" style={{ opacity: 0.75 }}>
          Connecting to the interviewer…
        </div>
      ) : null}
      <CallControls
        timer={voice.callDurationTimestamp || duration.current}
        level={voice.isMuted ? 0 : levelFromFft(voice.micFft)}
        muted={voice.isMuted}
        onToggleMute={() => (voice.isMuted ? voice.unmute() : voice.mute())}
        onEnd={() => voice.disconnect()}
        active={active}
      />
      <LiveTranscript messages={transcriptOf(voice.messages)} />
    </div>
  );
}

export function HumeCall(props) {
  return (
    <VoiceProvider
      enableAudioWorklet={false}
      clearMessagesOnDisconnect={false}
      messageHistoryLimit={2000}
    >
      <HumeCallScreen {...props} />
    </VoiceProvider>
  );
}
