// Microphone capture for Gemini Live: mono float audio at the context's rate (44.1 or
// 48 kHz, whatever the device gives) -> 16 kHz PCM16 little-endian, by a fractional ratio
// with linear interpolation across render blocks. Posts 40 ms chunks with their RMS level.
const TARGET_RATE = 16000;
const CHUNK_SAMPLES = 640;

class PcmCaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    // Input samples per output sample; sampleRate is the context's, a worklet global.
    this.step = sampleRate / TARGET_RATE;
    // Read position in a block, where index 0 is the last sample of the previous block.
    this.position = 1;
    this.previous = 0;
    this.chunk = new Int16Array(CHUNK_SAMPLES);
    this.filled = 0;
    this.sumSquares = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel || channel.length === 0) return true;
    const length = channel.length;
    while (this.position < length) {
      const index = Math.floor(this.position);
      const fraction = this.position - index;
      const before = index === 0 ? this.previous : channel[index - 1];
      const after = channel[index];
      const value = Math.max(-1, Math.min(1, before + (after - before) * fraction));
      this.sumSquares += value * value;
      this.chunk[this.filled++] = value < 0 ? value * 0x8000 : value * 0x7fff;
      if (this.filled === CHUNK_SAMPLES) {
        const rms = Math.sqrt(this.sumSquares / CHUNK_SAMPLES);
        this.port.postMessage({ pcm: this.chunk.buffer, rms }, [this.chunk.buffer]);
        this.chunk = new Int16Array(CHUNK_SAMPLES);
        this.filled = 0;
        this.sumSquares = 0;
      }
      this.position += this.step;
    }
    this.position -= length;
    this.previous = channel[length - 1];
    return true;
  }
}

registerProcessor("pcm-capture-16k", PcmCaptureProcessor);
