/* ui_color: colours named by meaning. With NO_COLOR set or a monochrome
 * terminal the meaning is carried by attributes alone (bold, reverse,
 * underline), so nothing depends on colour. Two themes: the default and a
 * high-contrast one for a projector (--theme high-contrast). */
#ifndef UI_COLOR_H
#define UI_COLOR_H

#include <ncurses.h>
#include <stdbool.h>

typedef enum {
    UI_C_NORMAL,
    UI_C_TITLE,    /* a pane's title */
    UI_C_FOCUS,    /* the focused pane's title */
    UI_C_SELECT,   /* the selected line */
    UI_C_CURRENT,  /* the record of the current step */
    UI_C_NEW,      /* a value that appeared at this step */
    UI_C_SECRET,   /* a secret value */
    UI_C_OK,       /* a check that passed */
    UI_C_ALERT,    /* an alert, a failed check */
    UI_C_TAMPER,   /* a tampered, edited or dropped record */
    UI_C_DIM,      /* wiped values, hints */
    UI_C_HEXSEL,   /* the selected field's bytes */
    UI_C_CHANGED,  /* an edited byte */
    UI_C_STATUS,   /* the status line */
    UI_C_CODE,     /* code in a lesson's text */
    UI_C_VALUE,    /* a run's value put into a lesson's text ({{NAME}}) */
    UI_C_COUNT
} ui_role;

typedef enum {
    UI_THEME_DEFAULT,       /* the terminal's own background, dim hints */
    UI_THEME_HIGH_CONTRAST  /* bold bright colours on black, nothing dim */
} ui_theme;

/* "default" or "high-contrast" into *out; false for another name. */
bool ui_color_parse_theme(const char *name, ui_theme *out);

/* Chooses the theme ui_color_init sets up (before it). */
void ui_color_set_theme(ui_theme t);

/* Sets up the colour pairs (after initscr/newterm); honours NO_COLOR. */
void ui_color_init(void);

/* The attributes for role (colour pair and/or bold/reverse/underline). */
attr_t ui_attr(ui_role role);

/* True when colours are in use. */
bool ui_color_on(void);

#endif
