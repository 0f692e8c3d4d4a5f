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
        public const string TimeoutId = "QlikApi.Timeout";
        public const string ConnectionFailedId = "QlikApi.ConnectionFailed";
        public const string InvalidResponseId = "QlikApi.InvalidResponse";
        public const string ResponseTooLargeId = "QlikApi.ResponseTooLarge";

        public static bool Is(QlikOAuthException exception) =>
            !(exception is QlikApiException)
            && (exception.ErrorId == TimeoutId || exception.ErrorId == ConnectionFailedId
                || exception.ErrorId == InvalidResponseId || exception.ErrorId == ResponseTooLargeId);
    }
}
