// The practice interview in the browser: no keys, no servers but ours.
//
// The server plans the questions (`turns`); this shows the first one not answered yet,
// speaks it with the browser's speech synthesis when the browser has a voice, and takes
// the answer by voice (the browser's speech recognition, where it exists) or typed. It
// records, in milliseconds since the practice started (continuing from `resumeAtMs` after
// a reload), when the question was shown and finished speaking and when the answer began
// and ended, and sends each answer as it is submitted (`onAnswer`); the answer stays in
// the box until the server has stored it. `onFinish` saves what is in the box and ends.
// With `single`, it takes one answer to one question (a retry) and hands it to `onFinish`.
import { useCallback, useEffect, useRef, useState } from "react";
import { Badge, Button, Callout, Card, Flex, Heading, Text, TextArea } from "@radix-ui/themes";

const MAX_ANSWER_CHARACTERS = 10000;
// Some engines never fire `end` for an utterance; give up waiting after a generous estimate.
const SPEECH_END_GRACE_MS = 4000;

function recognitionClass() {
  return window.SpeechRecognition || window.webkitSpeechRecognition || null;
}

const RECOGNITION_ERRORS = {
  "not-allowed": "Microphone access was refused.",
  "service-not-allowed": "This browser does not allow speech recognition here.",
  network: "This browser's speech recognition service cannot be reached.",
  "no-speech": "No speech was heard.",
  "audio-capture": "No microphone was found.",
};

function hasVoices() {
  return "speechSynthesis" in window && window.speechSynthesis.getVoices().length > 0;
}

export function PracticeSession({
  single,
  turns,
  resumeAtMs,
  saving,
  finishing,
  refusals,
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
  const [canListen] = useState(() => recognitionClass() !== null);
  const [finished, setFinished] = useState(false);
  const [voiceError, setVoiceError] = useState("");
  const answerStart = useRef(null);
  const answerEnd = useRef(null);
  const spokenAnswer = useRef(false);
  const recognition = useRef(null);
  const heard = useRef("");
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
    const update = () => setCanSpeak(hasVoices());
    update();
    window.speechSynthesis.addEventListener?.("voiceschanged", update);
    return () => {
      window.speechSynthesis.removeEventListener?.("voiceschanged", update);
      window.speechSynthesis.cancel();
    };
  }, []);

  const resetAnswer = () => {
    setAnswer("");
    heard.current = "";
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
    if (!(speakQuestions && hasVoices())) return undefined;
    const utterance = new SpeechSynthesisUtterance(question);
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

  const stopListening = useCallback(() => {
    if (recognition.current) {
      recognition.current.onresult = null;
      recognition.current.stop();
      recognition.current = null;
    }
    setListening(false);
  }, []);

  const startListening = useCallback(() => {
    const Recognition = recognitionClass();
    if (!Recognition || recognition.current) return;
    window.speechSynthesis?.cancel();
    const instance = new Recognition();
    instance.continuous = true;
    instance.interimResults = true;
    instance.lang = navigator.language || "en-US";
    const before = heard.current ? heard.current + " " : answer ? answer.trim() + " " : "";
    instance.onspeechstart = () => {
      if (answerStart.current === null) answerStart.current = now();
    };
    instance.onresult = (event) => {
      if (answerStart.current === null) answerStart.current = now();
      answerEnd.current = now();
      spokenAnswer.current = true;
      let text = "";
      for (let i = 0; i < event.results.length; i += 1) text += event.results[i][0].transcript;
      heard.current = (before + text.trim()).trim();
      setAnswer(heard.current.slice(0, MAX_ANSWER_CHARACTERS));
    };
    instance.onerror = (event) => {
      const reason = RECOGNITION_ERRORS[event && event.error] || "Speech recognition stopped.";
      setVoiceError(`${reason} You can type your answer instead.`);
      setListening(false);
    };
    instance.onend = () => {
      recognition.current = null;
      setListening(false);
    };
    recognition.current = instance;
    setVoiceError("");
    try {
      instance.start();
    } catch (error) {
      recognition.current = null;
      setVoiceError("Speech recognition could not start. You can type your answer instead.");
      return;
    }
    setListening(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answer]);

  const takeAnswer = () => {
    const text = answer.trim();
    if (!text || position === null) return null;
    const end = spokenAnswer.current && answerEnd.current !== null ? answerEnd.current : now();
    const start = answerStart.current === null ? end : Math.min(answerStart.current, end);
    const timing = asked.current[`${position}:${question}`] || {};
    return { text, start_ms: start, end_ms: end, spoken: spokenAnswer.current, ...timing };
  };

  const finishNow = () => {
    stopListening();
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
    stopListening();
    window.speechSynthesis?.cancel();
    onAnswer(position, message);
  };

  // A refused save or finish lets the candidate carry on, with their answer still there.
  useEffect(() => {
    if (refusals) setFinished(false);
  }, [refusals]);

  useEffect(() => () => stopListening(), [stopListening]);

  const typing = (event) => {
    if (answerStart.current === null) answerStart.current = now();
    setAnswer(event.target.value.slice(0, MAX_ANSWER_CHARACTERS));
  };

  if (!total) {
    return (
      <Text color="gray" data-testid="practice-loading">
        Preparing your questions…
      </Text>
    );
  }
  const busy = finishing || finished;
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
          <Badge color="iris" data-testid="practice-follow-up">
            Follow-up
          </Badge>
        ) : null}
        {speaking ? <Badge color="green">Speaking…</Badge> : null}
      </Flex>
      <Card size="3">
        <Text as="p" size="5" weight="medium" data-testid="practice-question" style={{ overflowWrap: "anywhere" }}>
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
          Your answer {canListen ? "(speak or type)" : "(type it; this browser has no speech recognition)"}
        </Text>
        <TextArea
          id="practice-answer"
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
      {voiceError ? (
        <Callout.Root color="amber" size="1" role="status" data-testid="practice-voice-error">
          <Callout.Text>{voiceError}</Callout.Text>
        </Callout.Root>
      ) : null}
      <Flex gap="3" wrap="wrap" align="center">
        {canListen ? (
          listening ? (
            <Button variant="soft" color="red" onClick={stopListening} disabled={busy} data-testid="practice-stop-voice">
              Stop listening
            </Button>
          ) : (
            <Button variant="soft" onClick={startListening} disabled={busy} data-testid="practice-voice">
              Answer by voice
            </Button>
          )
        ) : null}
        <Button
          onClick={submit}
          disabled={busy || saving || !answer.trim()}
          loading={busy || saving}
          data-testid="practice-submit-answer"
        >
          {single ? "Submit attempt" : isLast ? "Submit and finish" : "Submit answer"}
        </Button>
        {swappable ? (
          <Button
            variant="soft"
            color="gray"
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
