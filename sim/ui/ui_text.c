/* ui_text: the UI's words in English and Korean, one row per id. */
#include "ui/ui_text.h"

#include <stdlib.h>
#include <string.h>

static const char *const texts[UI_T_COUNT][TS_LANG_COUNT] = {
    [UI_T_CLIENT] = {"Client", "클라이언트"},
    [UI_T_SERVER] = {"Server", "서버"},
    [UI_T_CHANNEL] = {"Channel", "채널"},
    [UI_T_NARRATION] = {"Narration", "설명"},
    [UI_T_INSPECTOR] = {"Inspector", "검사기"},
    [UI_T_EDITOR] = {"Hex editor", "16진 편집기"},
    [UI_T_HELP] = {"Help", "도움말"},
    [UI_T_LESSON] = {"lesson", "수업"},
    [UI_T_STEP] = {"step", "단계"},
    [UI_T_SEED] = {"seed", "시드"},
    [UI_T_BITS] = {"bits", "비트"},
    [UI_T_LANGUAGE] = {"lang", "언어"},
    [UI_T_HINTS] = {"? help  q quit  n/→ next  p/← back  g/G first/last  Tab pane  Enter inspect  e edit  d drop  a auto  l 한국어",
                    "? 도움말  q 종료  n/→ 다음  p/← 이전  g/G 처음/끝  Tab 창  Enter 검사  e 편집  d 버림  a 자동  l English"},
    [UI_T_TOO_SMALL] = {"The terminal is %d×%d; tlsstep needs at least %d×%d. Please enlarge it.",
                        "터미널 크기가 %d×%d입니다. 최소 %d×%d 이상이 필요합니다. 창을 키워 주세요."},
    [UI_T_START] = {"Nothing has happened yet. Press n (or →, space) to take the first step: the "
                    "client is about to greet the server.",
                    "아직 아무 일도 일어나지 않았습니다. n(또는 →, 스페이스)을 눌러 첫 단계로 가세요. "
                    "클라이언트가 서버에 인사하려 합니다."},
    [UI_T_NOTHING_YET] = {"(knows nothing yet)", "(아직 아는 것 없음)"},
    [UI_T_NO_RECORDS] = {"(no record yet)", "(아직 레코드 없음)"},
    [UI_T_HOW_GENERATED] = {"generated", "생성함"},
    [UI_T_HOW_RECEIVED] = {"received", "받음"},
    [UI_T_HOW_DECRYPTED] = {"decrypted", "복호화함"},
    [UI_T_HOW_COMPUTED] = {"computed", "계산함"},
    [UI_T_HOW_SPLIT] = {"split from key block", "키 블록에서 나눔"},
    [UI_T_HOW_ENCRYPTED] = {"encrypted", "암호화함"},
    [UI_T_HOW_CERT] = {"from certificate", "인증서에서"},
    [UI_T_WIPED] = {"wiped", "지움"},
    [UI_T_CHECK_OK] = {"check passed", "검사 통과"},
    [UI_T_CHECK_FAILED] = {"CHECK FAILED", "검사 실패"},
    [UI_T_ALERT_SENT] = {"alert sent", "경고 보냄"},
    [UI_T_ALERT_RECEIVED] = {"alert received", "경고 받음"},
    [UI_T_SENT_SHORT] = {"sent", "보냄"},
    [UI_T_RECEIVED_SHORT] = {"recv", "받음"},
    [UI_T_DONE] = {"finished", "끝남"},
    [UI_T_IN_FLIGHT] = {"in flight", "전송 중"},
    [UI_T_DELIVERED] = {"delivered", "전달됨"},
    [UI_T_DROPPED] = {"DROPPED", "버려짐"},
    [UI_T_TAMPERED] = {"TAMPERED", "변조됨"},
    [UI_T_EDITED] = {"edited", "편집됨"},
    [UI_T_CHANGED_BYTES] = {"%zu byte(s) changed", "%zu바이트 바뀜"},
    [UI_T_CAN_TAMPER] = {"e: edit it  d: drop it", "e: 편집  d: 버리기"},
    [UI_T_RECORD] = {"Record", "레코드"},
    [UI_T_FIELDS] = {"Fields", "필드"},
    [UI_T_BYTES_SENT] = {"bytes as sent", "보낸 바이트"},
    [UI_T_BYTES_DELIVERED] = {"bytes as delivered", "전달된 바이트"},
    [UI_T_PLAINTEXT] = {"plaintext (the simulation holds the keys)",
                        "평문 (시뮬레이션은 키를 알고 있음)"},
    [UI_T_NONCE] = {"nonce", "논스"},
    [UI_T_TAG] = {"tag", "태그"},
    [UI_T_SEQ] = {"seq", "순번"},
    [UI_T_VALUE] = {"Value", "값"},
    [UI_T_FORMULA] = {"Formula", "공식"},
    [UI_T_INPUTS] = {"Inputs", "입력"},
    [UI_T_HOW] = {"How", "얻은 방법"},
    [UI_T_REPRODUCE] = {"Reproduce it", "직접 재현하기"},
    [UI_T_SECRET_NOTE] = {"secret: only this side knows it", "비밀 값: 이쪽만 알고 있음"},
    [UI_T_EDIT_HINTS] = {"arrows move  0-9a-f type  Backspace restore byte  r reset  Enter apply  Esc cancel",
                         "화살표 이동  0-9a-f 입력  Backspace 바이트 복원  r 초기화  Enter 적용  Esc 취소"},
    [UI_T_INSPECT_HINTS] = {"↑/↓/j/k field  PgUp/PgDn scroll  Esc close",
                            "↑/↓/j/k 필드  PgUp/PgDn 스크롤  Esc 닫기"},
    [UI_T_NOT_IN_FLIGHT] = {"record %zu is not in flight now: step to where it was written but not yet delivered",
                            "레코드 %zu는 지금 전송 중이 아닙니다. 보내졌지만 아직 전달되지 않은 단계로 가세요"},
    [UI_T_NO_RECORD_SELECTED] = {"select a record in the channel pane first (Tab)",
                                 "먼저 채널 창에서 레코드를 고르세요 (Tab)"},
    [UI_T_EDIT_APPLIED] = {"record %zu edited; the run was replayed with the change",
                           "레코드 %zu 편집됨. 변경을 넣어 다시 실행했습니다"},
    [UI_T_EDIT_CANCELLED] = {"edit cancelled", "편집 취소"},
    [UI_T_DROP_SET] = {"record %zu will be dropped; the run was replayed",
                       "레코드 %zu를 버립니다. 다시 실행했습니다"},
    [UI_T_DROP_CLEARED] = {"record %zu is delivered again; the run was replayed",
                           "레코드 %zu를 다시 전달합니다. 다시 실행했습니다"},
    [UI_T_AUTOPLAY_ON] = {"autoplay on (+/- pace)", "자동 재생 켜짐 (+/- 속도)"},
    [UI_T_AUTOPLAY_OFF] = {"autoplay off", "자동 재생 꺼짐"},
    [UI_T_PACE] = {"pace %.1f s per step", "단계당 %.1f초"},
    [UI_T_RESULT_OK] = {"handshake complete, file intact, closed", "핸드셰이크 완료, 파일 온전, 연결 종료"},
    [UI_T_RESULT_ALERT] = {"ended by a fatal alert", "치명적 경고로 끝남"},
    [UI_T_RESULT_STALLED] = {"stalled: a side waits for a record that never comes",
                             "멈춤: 오지 않는 레코드를 기다림"},
    [UI_T_RESULT_WRONG] = {"closed, but the file arrived altered", "종료했지만 파일이 바뀌어 도착함"},
    [UI_T_RUN_FAILED] = {"the simulation failed: %s", "시뮬레이션 실패: %s"},
    [UI_T_NOTHING_TO_INSPECT] = {"nothing selected to inspect", "검사할 항목이 선택되지 않았습니다"},
    [UI_T_HELP_KEYS] = {
        "→  n  space   next step\n"
        "←  p          back one step (exact replay)\n"
        "g  Home       first step\n"
        "G  End        last step\n"
        "Tab           next pane (client, channel, server)\n"
        "↑ ↓  j k      move in the pane\n"
        "Enter         inspect the selected record or value\n"
        "Esc           close the inspector, editor or help\n"
        "e             edit the selected record in flight (hex editor)\n"
        "d             drop the selected record in flight (again: undo)\n"
        "a             autoplay on/off\n"
        "+  -          autoplay faster / slower\n"
        "[  ]          scroll the lesson's narration up / down\n"
        "l             한국어 / English\n"
        "?             this help\n"
        "q             quit",
        "→  n  스페이스  다음 단계\n"
        "←  p          한 단계 뒤로 (정확한 재실행)\n"
        "g  Home       첫 단계\n"
        "G  End        마지막 단계\n"
        "Tab           다음 창 (클라이언트, 채널, 서버)\n"
        "↑ ↓  j k      창 안에서 이동\n"
        "Enter         선택한 레코드나 값 검사\n"
        "Esc           검사기, 편집기, 도움말 닫기\n"
        "e             전송 중인 레코드 편집 (16진 편집기)\n"
        "d             전송 중인 레코드 버리기 (다시 누르면 취소)\n"
        "a             자동 재생 켜기/끄기\n"
        "+  -          자동 재생 빠르게 / 느리게\n"
        "[  ]          수업 설명 위로 / 아래로 스크롤\n"
        "l             English / 한국어\n"
        "?             이 도움말\n"
        "q             종료"},
    [UI_T_HELP_CLOSE] = {"press any key to close", "아무 키나 누르면 닫힙니다"},
    [UI_T_NO_LESSONS] = {"no lessons folder found: built-in narration only (see 'tlsstep lessons')",
                         "수업 폴더를 찾지 못했습니다: 내장 설명만 보입니다 ('tlsstep lessons' 참고)"},
    [UI_T_TASK] = {"Task", "과제"},
    [UI_T_INCIDENT] = {"Incident", "실제 사건"},
    [UI_T_MORE] = {"more: ] down, [ up", "더 있음: ] 아래, [ 위"},
    [UI_T_EXERCISE] = {"exercise", "연습 문제"},
};

const char *ui_t(ui_text_id id, ts_lang lang)
{
    if ((int)id < 0 || id >= UI_T_COUNT) {
        return "";
    }
    if ((int)lang < 0 || lang >= TS_LANG_COUNT || texts[id][lang] == NULL) {
        lang = TS_LANG_EN;
    }
    return texts[id][lang] != NULL ? texts[id][lang] : "";
}

const char *ui_lang_label(ts_lang lang)
{
    return lang == TS_LANG_KO ? "한국어" : "EN";
}
