using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Http
{
    /// <summary>
    /// The failures after which a request may have been carried out although the module never read the answer: no
    /// answer in time, a connection lost on the way back, or an answer too broken or too large to read. A create
    /// that ends so is never repeated; its caller says what may exist and how to check.
    /// </summary>
    public static class LostAnswer
    {
        public static bool Is(QlikOAuthException exception) =>
            !(exception is QlikApiException)
            && (exception.ErrorId == HttpErrors.Timeout || exception.ErrorId == HttpErrors.ConnectionFailed
                || exception.ErrorId == HttpErrors.InvalidResponse || exception.ErrorId == HttpErrors.ResponseTooLarge);
    }
}
