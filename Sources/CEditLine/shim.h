// Non-variadic wrappers around libedit's el_set/el_get/history, which Swift cannot import.
#ifndef LLMCTL_CEDITLINE_SHIM_H
#define LLMCTL_CEDITLINE_SHIM_H
#include <stdio.h>
#include <histedit.h>

typedef char *(*llmctl_el_prompt_fn)(EditLine *);
typedef unsigned char (*llmctl_el_command_fn)(EditLine *, int);

static inline int llmctl_el_set_prompt(EditLine *e, llmctl_el_prompt_fn f) { return el_set(e, EL_PROMPT, f); }
static inline int llmctl_el_set_editor(EditLine *e, const char *mode) { return el_set(e, EL_EDITOR, mode); }
static inline int llmctl_el_set_signal(EditLine *e, int on) { return el_set(e, EL_SIGNAL, on); }
static inline int llmctl_el_set_hist(EditLine *e, History *h) { return el_set(e, EL_HIST, history, h); }
static inline int llmctl_el_set_clientdata(EditLine *e, void *d) { return el_set(e, EL_CLIENTDATA, d); }
static inline void *llmctl_el_get_clientdata(EditLine *e) { void *d = NULL; el_get(e, EL_CLIENTDATA, &d); return d; }
static inline int llmctl_el_add_function(EditLine *e, const char *name, const char *help, llmctl_el_command_fn f) {
    return el_set(e, EL_ADDFN, name, help, f);
}
static inline int llmctl_el_bind(EditLine *e, const char *key, const char *fn) { return el_set(e, EL_BIND, key, fn, NULL); }
static inline int llmctl_el_bind_mode(EditLine *e, const char *flag, const char *key, const char *fn) {
    return el_set(e, EL_BIND, flag, key, fn, NULL);
}

static inline int llmctl_history_setsize(History *h, HistEvent *ev, int n) { return history(h, ev, H_SETSIZE, n); }
static inline int llmctl_history_setunique(History *h, HistEvent *ev, int on) { return history(h, ev, H_SETUNIQUE, on); }
static inline int llmctl_history_enter(History *h, HistEvent *ev, const char *line) { return history(h, ev, H_ENTER, line); }
static inline int llmctl_history_load(History *h, HistEvent *ev, const char *path) { return history(h, ev, H_LOAD, path); }
static inline int llmctl_history_save(History *h, HistEvent *ev, const char *path) { return history(h, ev, H_SAVE, path); }
static inline int llmctl_history_clear(History *h, HistEvent *ev) { return history(h, ev, H_CLEAR); }
static inline int llmctl_history_first(History *h, HistEvent *ev) { return history(h, ev, H_FIRST); }
static inline int llmctl_history_next(History *h, HistEvent *ev) { return history(h, ev, H_NEXT); }
static inline int llmctl_history_last(History *h, HistEvent *ev) { return history(h, ev, H_LAST); }
static inline int llmctl_history_prev(History *h, HistEvent *ev) { return history(h, ev, H_PREV); }

/* ---- Additions for the REPL (LineEditor.swift is the only caller). ---- */
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <string.h>

static inline int llmctl_el_set_prompt_esc(EditLine *e, llmctl_el_prompt_fn f, char delimiter) {
    return el_set(e, EL_PROMPT_ESC, f, delimiter);
}
/* `mode` is "-d" (edit mode), "-x" (cooked) or "-q"; `setting` e.g. "-isig". */
static inline int llmctl_el_settty(EditLine *e, const char *mode, const char *setting) {
    return el_set(e, EL_SETTY, mode, setting, NULL);
}
static inline int llmctl_el_get_editor(EditLine *e, const char **mode) { return el_get(e, EL_EDITOR, mode); }
static inline int llmctl_el_bind_alt(EditLine *e, const char *key, const char *fn) {
    return el_set(e, EL_BIND, "-a", key, fn, NULL);
}
static inline const char *llmctl_el_line_buffer(EditLine *e, int *cursor, int *length) {
    const LineInfo *li = el_line(e);
    *cursor = (int)(li->cursor - li->buffer);
    *length = (int)(li->lastchar - li->buffer);
    return li->buffer;
}
static inline int llmctl_el_wgetc_scalar(EditLine *e, unsigned int *scalar) {
    wchar_t wc = 0;
    int n = el_wgetc(e, &wc);
    *scalar = (unsigned int)wc;
    return n;
}

/* Replaces libedit's character reader (EL_GETCFN): the REPL reads the terminal itself to recognise
 * bracketed paste without binding an ESC sequence, which would break vi mode's plain ESC. */
typedef int (*llmctl_el_getc_fn)(EditLine *, wchar_t *);
static inline int llmctl_el_set_getcfn(EditLine *e, llmctl_el_getc_fn f) { return el_set(e, EL_GETCFN, f); }

/* Moves the cursor to the end of the line (counted in characters, as el_cursor wants). */
static inline void llmctl_el_cursor_to_end(EditLine *e) {
    const LineInfoW *li = el_wline(e);
    el_cursor(e, (int)(li->lastchar - li->cursor));
}
static inline FILE *llmctl_std_file(int fd) { return fd == 0 ? stdin : (fd == 1 ? stdout : stderr); }

/* Terminal guard: the state saved before the REPL starts, restored on normal exit and from the
 * handlers of fatal signals (SIGTERM, SIGHUP, SIGQUIT), so a killed REPL never leaves a raw terminal. */
struct llmctl_guard_state { struct termios saved; int fd; };
/* A function-local static: Swift emits the inline function (and so its state) into the one object
 * file that calls it, whereas a file-scope static variable in this header would never be defined. */
static inline struct llmctl_guard_state *llmctl_guard(void) {
    static struct llmctl_guard_state state = { .fd = -1 };
    return &state;
}
static inline void llmctl_guard_restore(void) {
    struct llmctl_guard_state *g = llmctl_guard();
    if (g->fd < 0) return;
    static const char paste_off[] = "\033[?2004l";
    (void)write(g->fd, paste_off, sizeof paste_off - 1);
    (void)tcsetattr(g->fd, TCSANOW, &g->saved);
}
static inline void llmctl_guard_on_signal(int sig) {
    llmctl_guard_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}
static inline int llmctl_guard_install(int fd) {
    struct llmctl_guard_state *g = llmctl_guard();
    if (tcgetattr(fd, &g->saved) != 0) return -1;
    g->fd = fd;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = llmctl_guard_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
    return 0;
}
static inline void llmctl_guard_remove(void) {
    llmctl_guard_restore();
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    llmctl_guard()->fd = -1;
}

#endif
