export class BoundedOutput {
    out;
    constructor(out) {
        this.out = out;
    }
    async write(text) {
        if (text.length === 0 || this.out.write(text))
            return;
        await new Promise((resolve, reject) => {
            const done = (err) => { this.out.off('drain', done); this.out.off('error', done); err ? reject(err) : resolve(); };
            this.out.once('drain', done);
            this.out.once('error', done);
        });
    }
    /** Resolves once everything written so far has left Node's buffers (handed to the OS). */
    flushed() {
        if (this.out.writableLength === 0 && !this.out.writableNeedDrain)
            return Promise.resolve();
        return new Promise((resolve, reject) => this.out.write('', (err) => (err ? reject(err) : resolve())));
    }
}
