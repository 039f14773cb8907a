// The practice interview in the browser: no keys, no servers but ours.
//
// The server plans the questions (`turns`); this shows the first one not answered yet,
// speaks it with the browser's speech synthesis when the browser has a voice, and takes
// the answer typed or by voice. A spoken answer is recorded (16 kHz mono PCM from an
// AudioWorklet) and sent once, when it ends, to our server, which recognises it and
// answers with the text and each word's times; no audio goes anywhere else. It records,
// in milliseconds since the practice started (continuing from `resumeAtMs` after a
// reload), when the question was shown and finished speaking and when the answer began
// and ended (for a spoken answer, its first and last recognised words), and sends each
// answer as it is submitted (`onAnswer`); the answer stays in the box until the server has
// stored it. `onFinish` saves what is in the box and ends. With `single`, it takes one
// answer to one question (a retry) and hands it to `onFinish`. `language` (BCP 47) is the
// questions' language: they are read by a voice of that language, and only when the
// browser has one (a German question in an English voice is worse than none).
import { useCallback, useEffect, useRef, useState } from "react";
import { Badge, Button, Callout, Card, Flex, Heading, Text, TextArea } from "@radix-ui/themes";

const MAX_ANSWER_CHARACTERS = 10000;
// Some engines never fire `end` for an utterance; give up waiting after a generous estimate.
const SPEECH_END_GRACE_MS = 4000;
const SPEECH_URL = "/api/speech";
// The capture worklet the Gemini Live call uses: any rate in, 16 kHz PCM16 chunks out.
const CAPTURE_WORKLET_URL = "/gemini_capture_worklet.js";
const SAMPLE_RATE = 16000;

function answerAudioUrl(interviewId) {
  return `/api/interviews/${encodeURIComponent(interviewId)}/answer-audio`;
}

function canRecord() {
  return Boolean(navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.AudioWorkletNode);
}

function wavFile(chunks) {
  const samples = chunks.reduce((total, chunk) => total + chunk.length, 0);
  const buffer = new ArrayBuffer(44 + samples * 2);
  const view = new DataView(buffer);
  const text = (offset, value) => [...value].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  text(0, "RIFF");
  view.setUint32(4, 36 + samples * 2, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, SAMPLE_RATE, true);
  view.setUint32(28, SAMPLE_RATE * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, "data");
  view.setUint32(40, samples * 2, true);
  let offset = 44;
  for (const chunk of chunks) {
    new Int16Array(buffer, offset, chunk.length).set(chunk);
    offset += chunk.length * 2;
  }
  return new Blob([buffer], { type: "audio/wav" });
}

// One spoken answer: the microphone into the capture worklet, its chunks kept until `stop`.
class AnswerRecorder {
  async start() {
    this.chunks = [];
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
    this.context = new AudioContext();
    await this.context.audioWorklet.addModule(CAPTURE_WORKLET_URL);
    const source = this.context.createMediaStreamSource(this.stream);
    const capture = new AudioWorkletNode(this.context, "pcm-capture-16k");
    capture.port.onmessage = (event) => this.chunks.push(new Int16Array(event.data.pcm));
    // A silent sink keeps the worklet pulled by the graph without echoing the microphone.
    const sink = this.context.createGain();
    sink.gain.value = 0;
    source.connect(capture);
    capture.connect(sink);
    sink.connect(this.context.destination);
    await this.context.resume();
  }

  close() {
    this.stream?.getTracks().forEach((track) => track.stop());
    this.context?.close();
    this.stream = null;
    this.context = null;
  }

  stop() {
    this.close();
    return wavFile(this.chunks || []);
  }
}

function microphoneError(error) {
  const name = error && error.name;
  if (name === "NotAllowedError" || name === "SecurityError") return "Microphone access was refused.";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "No microphone was found.";
  return "The microphone could not be started.";
}

function voiceTag(tag) {
  return (tag || "").toLowerCase().replace("_", "-");
}

// The browser's voice for a BCP 47 tag: the same tag first ("de-DE"), else the same
// language ("de-AT"); any voice when no language is given (a retry box).
function voiceFor(language) {
  if (!("speechSynthesis" in window)) return null;
  const voices = window.speechSynthesis.getVoices();
  if (!language) return voices[0] || null;
  const wanted = voiceTag(language);
  const primary = wanted.split("-")[0];
  return (
    voices.find((voice) => voiceTag(voice.lang) === wanted) ||
    voices.find((voice) => voiceTag(voice.lang).split("-")[0] === primary) ||
    null
  );
}

export function PracticeSession({
  single,
  interviewId,
  turns,
  resumeAtMs,
  saving,
  finishing,
  refusals,
  language,
  onAnswer,
  onSwap,
  onFinish,
}) {
  const base = useRef(null);
  const now = () => Math.round(performance.now() - (base.current ?? performance.now()));
  const [answer, setAnswer] = useState("");
  const [listening, setListening] = useState(false);
  const [speaking, setSpeaking] = useState(false);
  const [speakQuestions, setSpeakQuestions] = useState(true);
  const [canSpeak, setCanSpeak] = useState(false);
  // Whether this installation recognises speech (asked once), and this browser records.
  const [speech, setSpeech] = useState({ available: false, checked: false, message: "", maxSeconds: 300 });
  const [transcribing, setTranscribing] = useState(false);
  const canListen = speech.available && canRecord();
  const [finished, setFinished] = useState(false);
  const [voiceError, setVoiceError] = useState("");
  const answerStart = useRef(null);
  const answerEnd = useRef(null);
  const spokenAnswer = useRef(false);
  const recorder = useRef(null);
  const recordingId = useRef(null);
  const recordStart = useRef(0);
  const recordLimit = useRef(null);
  const asked = useRef({});

  const all = turns || [];
  const total = all.length;
  const answeredCount = all.filter((turn) => turn.answered).length;
  const current = all.find((turn) => !turn.answered) || null;
  const position = current ? current.position : null;
  const question = current ? current.question : "";
  const isLast = current !== null && all.filter((turn) => !turn.answered).length === 1;

  // The clock starts when the questions arrive, continuing where a reload left it.
  if (base.current === null && total) base.current = performance.now() - (resumeAtMs || 0);

  // Voices load asynchronously in Chromium; listen for them once.
  useEffect(() => {
    if (!("speechSynthesis" in window)) return undefined;
    const update = () => setCanSpeak(voiceFor(language) !== null);
    update();
    window.speechSynthesis.addEventListener?.("voiceschanged", update);
    return () => {
      window.speechSynthesis.removeEventListener?.("voiceschanged", update);
      window.speechSynthesis.cancel();
    };
  }, [language]);

  useEffect(() => {
    let cancelled = false;
    fetch(SPEECH_URL, { credentials: "same-origin" })
      .then((response) => response.json())
      .then((body) => {
        if (cancelled) return;
        setSpeech({
          available: Boolean(body.available),
          checked: true,
          message: body.message || "",
          maxSeconds: Number(body.max_seconds) || 300,
        });
      })
      .catch(() => !cancelled && setSpeech((old) => ({ ...old, checked: true })));
    return () => {
      cancelled = true;
    };
  }, []);

  const resetAnswer = () => {
    setAnswer("");
    recordingId.current = null;
    answerStart.current = null;
    answerEnd.current = null;
    spokenAnswer.current = false;
  };

  // Each new question (or a swapped one): a fresh box, and when it was shown and spoken.
  useEffect(() => {
    if (position === null || finished) return undefined;
    resetAnswer();
    const key = `${position}:${question}`;
    let timing = asked.current[key];
    if (!timing) {
      const shownAt = now();
      timing = { asked_ms: shownAt, question_end_ms: shownAt, question_spoken: false };
      asked.current[key] = timing;
    }
    const voice = speakQuestions ? voiceFor(language) : null;
    if (!voice) return undefined;
    const utterance = new SpeechSynthesisUtterance(question);
    utterance.voice = voice;
    if (language) utterance.lang = language;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      timing.question_end_ms = now();
      timing.question_spoken = true;
      setSpeaking(false);
    };
    utterance.onend = finish;
    utterance.onerror = finish;
    const words = question.split(/\s+/).length;
    const timer = setTimeout(finish, (words / 2.2) * 1000 + SPEECH_END_GRACE_MS);
    setSpeaking(true);
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
    return () => {
      clearTimeout(timer);
      window.speechSynthesis.cancel();
      finish();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [position, question, finished]);

  // Ends the recording; `send` false drops it (the question changed, the page closed).
  const stopListening = useCallback(
    async (send = true) => {
      const active = recorder.current;
      recorder.current = null;
      clearTimeout(recordLimit.current);
      setListening(false);
      if (!active) return;
      const audio = active.stop();
      if (!send || !interviewId) return;
      const started = recordStart.current;
      setTranscribing(true);
      setVoiceError("");
      try {
        const response = await fetch(answerAudioUrl(interviewId), {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "audio/wav" },
          body: audio,
        });
        const body = await response.json().catch(() => ({}));
        if (response.status === 503) {
          setSpeech((old) => ({ ...old, available: false, message: body.message || "" }));
          setVoiceError(`${body.message || "Speech cannot be recognised here."} Please type your answer.`);
          return;
        }
        if (!response.ok) {
          setVoiceError(body.message || "Your answer could not be recognised. Please type it instead.");
          return;
        }
        const words = Array.isArray(body.words) ? body.words : [];
        const text = (body.text || "").trim();
        if (!text) {
          setVoiceError("No speech was heard in that recording. Try again, or type your answer.");
          return;
        }
        // A take replaces the box: its words and times are what the answer is measured on.
        recordingId.current = body.recording_id;
        spokenAnswer.current = true;
        answerStart.current = started + (words.length ? words[0].start_ms : 0);
        answerEnd.current = started + (words.length ? words[words.length - 1].end_ms : body.duration_ms || 0);
        setAnswer(text.slice(0, MAX_ANSWER_CHARACTERS));
      } catch (error) {
        setVoiceError("Your answer could not be sent. Check your connection, or type it instead.");
      } finally {
        setTranscribing(false);
      }
    },
    [interviewId],
  );

  const startListening = useCallback(async () => {
    if (recorder.current || !canRecord()) return;
    window.speechSynthesis?.cancel();
    setVoiceError("");
    const active = new AnswerRecorder();
    recorder.current = active;
    try {
      await active.start();
    } catch (error) {
      active.close();
      recorder.current = null;
      setVoiceError(`${microphoneError(error)} You can type your answer instead.`);
      return;
    }
    if (recorder.current !== active) return active.close();
    recordStart.current = now();
    setListening(true);
    recordLimit.current = setTimeout(() => stopListening(true), speech.maxSeconds * 1000);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stopListening, speech.maxSeconds]);

  const takeAnswer = () => {
    const text = answer.trim();
    if (!text || position === null) return null;
    const end = spokenAnswer.current && answerEnd.current !== null ? answerEnd.current : now();
    const start = answerStart.current === null ? end : Math.min(answerStart.current, end);
    const timing = asked.current[`${position}:${question}`] || {};
    const spoken = { spoken: spokenAnswer.current, ...(recordingId.current ? { recording_id: recordingId.current } : {}) };
    return { text, start_ms: start, end_ms: end, ...spoken, ...timing };
  };

  const finishNow = () => {
    stopListening(false);
    window.speechSynthesis?.cancel();
    const message = takeAnswer();
    setFinished(true);
    onFinish(message ? { position, answer: message } : {});
  };

  const submit = () => {
    const message = takeAnswer();
    if (!message) return;
    if (isLast) {
      // The answer stays in the box until the server has stored it.
      finishNow();
      return;
    }
    stopListening(false);
    window.speechSynthesis?.cancel();
    onAnswer(position, message);
  };

  // A refused save or finish lets the candidate carry on, with their answer still there.
  useEffect(() => {
    if (refusals) setFinished(false);
  }, [refusals]);

  useEffect(() => () => stopListening(false), [stopListening]);

  const typing = (event) => {
    if (answerStart.current === null) answerStart.current = now();
    if (!event.target.value.trim()) {
      // An emptied box starts a new answer: the last take no longer describes it.
      recordingId.current = null;
      spokenAnswer.current = false;
      answerStart.current = null;
    }
    setAnswer(event.target.value.slice(0, MAX_ANSWER_CHARACTERS));
  };

  if (!total) {
    return (
      <Text color="gray" data-testid="practice-loading">
        Preparing your questions…
      </Text>
    );
  }
  const busy = finishing || finished || transcribing;
  const swappable = !single && current !== null && current.kind !== "follow_up";
  return (
    <Flex direction="column" gap="4" width="100%" data-testid="practice-session">
      <Flex align="center" gap="3" wrap="wrap">
        <Heading size={single ? "4" : "6"}>{single ? "Try this question again" : "Practice interview"}</Heading>
        {single ? null : (
          <Badge data-testid="practice-progress">
            Question {Math.min(answeredCount + 1, total)} of {total}
          </Badge>
        )}
        {current && current.kind === "follow_up" ? (
          <Badge color="cyan" data-testid="practice-follow-up">
            Follow-up
          </Badge>
        ) : null}
        {speaking ? <Badge color="green">Speaking…</Badge> : null}
      </Flex>
      <Card size={single ? "2" : "3"}>
        <Text as="p" size={single ? "3" : "5"} weight="medium" data-testid="practice-question" lang={language || undefined} style={{ overflowWrap: "anywhere" }}>
          {question}
        </Text>
      </Card>
      {canSpeak ? null : (
        <Callout.Root color="gray" size="1">
          <Callout.Text>This browser has no voice to read questions aloud; read them here.</Callout.Text>
        </Callout.Root>
      )}
      <Flex direction="column" gap="2">
        <Text as="label" htmlFor="practice-answer" size="2" weight="medium">
          Your answer {canListen ? "(speak or type)" : "(type it)"}
        </Text>
        <TextArea
          id="practice-answer"
          lang={language || undefined}
          data-testid="practice-answer"
          value={answer}
          onChange={typing}
          rows={6}
          maxLength={MAX_ANSWER_CHARACTERS}
          disabled={busy}
          placeholder="Answer as you would out loud. A typical answer takes one to two minutes."
        />
        {single ? null : (
          <Text size="1" color="gray">
            Each answer is saved when you submit it; if you leave, you can resume from the job's
            new-interview page.
          </Text>
        )}
      </Flex>
      {speech.checked && !speech.available ? (
        <Callout.Root color="gray" size="1" data-testid="practice-typed-only">
          <Callout.Text>{speech.message || "Answers are typed on this installation."}</Callout.Text>
        </Callout.Root>
      ) : null}
      {speech.available && !canRecord() ? (
        <Callout.Root color="gray" size="1" data-testid="practice-typed-only">
          <Callout.Text>This browser cannot record audio; type your answer.</Callout.Text>
        </Callout.Root>
      ) : null}
      {transcribing ? (
        <Text size="2" color="gray" role="status" data-testid="practice-transcribing">
          Transcribing your answer…
        </Text>
      ) : null}
      {listening ? (
        <Badge color="red" size="2" data-testid="practice-recording">
          Recording… press “Stop and transcribe” when you have finished
        </Badge>
      ) : null}
      {voiceError ? (
        <Callout.Root color="amber" size="1" role="status" data-testid="practice-voice-error">
          <Callout.Text>{voiceError}</Callout.Text>
        </Callout.Root>
      ) : null}
      <Flex gap="3" wrap="wrap" align="center">
        {canListen ? (
          listening ? (
            <Button variant="soft" color="red" onClick={() => stopListening(true)} disabled={busy} data-testid="practice-stop-voice">
              Stop and transcribe
            </Button>
          ) : (
            <Button variant="soft" onClick={startListening} disabled={busy} data-testid="practice-voice">
              {recordingId.current ? "Record the answer again" : "Answer by voice"}
            </Button>
          )
        ) : null}
        <Button
          onClick={submit}
          disabled={busy || saving || listening || !answer.trim()}
          loading={busy || saving}
          data-testid="practice-submit-answer"
        >
          {single ? "Submit attempt" : isLast ? "Submit and finish" : "Submit answer"}
        </Button>
        {swappable ? (
          <Button
            variant="outline"
            onClick={() => onSwap(position)}
            disabled={busy || saving || Boolean(answer.trim())}
            data-testid="swap-question"
          >
            Ask me another question
          </Button>
        ) : null}
        {single ? null : (
          <Button variant="outline" color="gray" onClick={finishNow} disabled={busy || saving} data-testid="practice-finish">
            Finish interview
          </Button>
        )}
        {canSpeak ? (
          <Button variant="ghost" color="gray" onClick={() => setSpeakQuestions(!speakQuestions)} disabled={busy}>
            {speakQuestions ? "Stop reading questions aloud" : "Read questions aloud"}
          </Button>
        ) : null}
      </Flex>
    </Flex>
  );
}
