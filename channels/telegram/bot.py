"""The Telegram bot's handlers, the same whether updates come by polling or through the webhook.

- /start, /help: what the assistant does and how to use it;
- /lienket CODE (in a private chat): links the chat to an officer's account;
- text: the assistant's answer (``ChatGateway.handle``), sent as ``format.render_answer`` says;
- a pressed button: ``choice:<n>`` sends the choice, ``details`` asks for the details of the
  procedure under discussion ("chi tiết"), ``done:<id>`` marks a reminded task done; the
  message's buttons are then removed, as they are spent;
- anything else in a private chat (a photo, a sticker): a note that only text is read;
- any other update (edited messages, reactions, a kind this library does not know):
  ignored with a log line.

The assistant works synchronously, so its calls run in a worker thread and the event
loop keeps serving other chats.
"""
from __future__ import annotations

import asyncio
import logging

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, TypeHandler, filters

from assistant.tasks import is_reminder_action
from channels.chat import APOLOGY, HELP, LINK_COMMAND, ChatGateway
from channels.telegram.config import TelegramConfig
from assistant.skills.procedure_view import DETAILS_REQUEST
from channels.telegram.format import CHOICE_DATA, DETAILS_DATA, render_answer, render_text, send

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]  # the kinds of update the bot asks Telegram for
TEXT_ONLY = "Hiện tôi chỉ đọc được tin nhắn chữ. Bạn hãy nhập câu hỏi bằng chữ nhé."
LINK_IN_PRIVATE = f"Hãy nhắn /{LINK_COMMAND} MÃ trong cuộc trò chuyện riêng với tôi, không nhắn trong nhóm."


class TelegramBot:
    def __init__(self, gateway: ChatGateway) -> None:
        self.gateway = gateway

    def install(self, application: Application) -> None:
        """Add the handlers, in the order they are tried, and the error handler."""
        application.add_handler(CommandHandler(("start", "help"), self.help))
        application.add_handler(CommandHandler(LINK_COMMAND, self.link))
        application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, self.text))
        application.add_handler(CallbackQueryHandler(self.button))
        application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, self.help))
        application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE, self.not_text))
        application.add_handler(TypeHandler(Update, self.ignore))
        application.add_error_handler(self.failed)

    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await send(context.bot, update.effective_chat.id, render_text(HELP))

    async def link(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if chat.type != ChatType.PRIVATE:
            await send(context.bot, chat.id, render_text(LINK_IN_PRIVATE))
            return
        answer = await asyncio.to_thread(self.gateway.link, str(chat.id), " ".join(context.args or ()))
        await send(context.bot, chat.id, render_answer(answer))

    async def text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message
        answer = await asyncio.to_thread(self.gateway.handle, str(message.chat_id), message.text)
        await send(context.bot, message.chat_id, render_answer(answer))

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        await query.answer()
        data = query.data or ""
        chat_id = query.message.chat.id if query.message else query.from_user.id
        if data.startswith(CHOICE_DATA):
            answer = await asyncio.to_thread(self.gateway.handle, str(chat_id), data[len(CHOICE_DATA):])
        elif data == DETAILS_DATA:
            answer = await asyncio.to_thread(self.gateway.handle, str(chat_id), DETAILS_REQUEST)
        elif is_reminder_action(data):
            answer = await asyncio.to_thread(self.gateway.reminder_action, str(chat_id), data)
        else:
            log.info("ignored Telegram button with unknown data %r in chat %s", data, chat_id)
            return
        if isinstance(query.message, Message):
            await query.edit_message_reply_markup(None)
        await send(context.bot, chat_id, render_answer(answer))

    async def not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await send(context.bot, update.effective_chat.id, render_text(TEXT_ONLY))

    async def ignore(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        kinds = sorted(set(update.to_dict()) - {"update_id"}) or ["empty"]
        log.info("ignored Telegram update %s (%s)", update.update_id, ", ".join(kinds))

    async def failed(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A handler raised: log it and, when there is a chat to tell, apologise."""
        log.error("Telegram update %s failed", getattr(update, "update_id", "?"), exc_info=context.error)
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            return
        try:
            await send(context.bot, chat.id, render_text(APOLOGY))
        except TelegramError as exc:
            log.warning("could not apologise in Telegram chat %s: %s", chat.id, exc)


def build_application(config: TelegramConfig, gateway: ChatGateway, polling: bool) -> Application:
    """The bot's application, its handlers installed; with an updater only for polling."""
    application = config.application(polling)
    TelegramBot(gateway).install(application)
    return application
